#!/usr/bin/env python3
"""
Writes a small HDF5 file in the newest format (libver='latest'): version 2 object headers,
groups with compact link messages (a few links: hard, soft, external) and one with dense link
storage (a fractal heap, past 8 links), variable-length string attributes, contiguous and
chunked datasets. For the metadata parser's tests: no file we have holds compact links.
"""
import sys

import h5py
import numpy as np


def main(name):
    with h5py.File(name, 'w', libver='latest') as f:
        f.attrs['namespace'] = 'core'
        table = f.create_group('units')
        table.attrs['colnames'] = ['spike_times', 'quality']
        table.create_dataset('id', data=np.arange(10))
        table.create_dataset('quality', data=['good', 'bad'] * 5, dtype=h5py.string_dtype())
        table.create_dataset('spike_times', data=np.linspace(0, 1, 100), chunks=(10,))
        nested = f.create_group('processing/behavior')
        nested.attrs['neurodata_type'] = 'ProcessingModule'
        wide = f.create_group('acquisition')
        for i in range(20):
            wide.create_group(f'series_{i:02d}')
        f['link_to_units'] = h5py.SoftLink('/units')
        f['elsewhere'] = h5py.ExternalLink('other.h5', '/data')


if __name__ == '__main__':
    main(sys.argv[1])
