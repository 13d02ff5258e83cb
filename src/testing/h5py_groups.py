#!/usr/bin/env python3
"""
Independent reading for the HDF5 metadata parser's tests: every group of an HDF5 file reachable
by hard links, keyed by its object header address, with the names of its links (hard, soft and
external) sorted. Prints JSON {address: {"path": first path found, "names": [...]}}.
"""
import json
import sys

import h5py


def main(name):
    out = {}
    with h5py.File(name, 'r') as f:

        def note(path, obj):
            if not isinstance(obj, h5py.Group):
                return
            addr = h5py.h5o.get_info(obj.id).addr
            if str(addr) in out:
                return
            out[str(addr)] = {'path': path, 'names': sorted(obj.keys())}

        note('/', f)
        f.visititems(lambda p, o: note('/' + p, o))
    json.dump(out, sys.stdout)


if __name__ == '__main__':
    main(sys.argv[1])
