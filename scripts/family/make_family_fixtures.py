"""Writes HDF5 family-driver copies of real NWB files, and h5repart's single-file reading of each.

    /usr/bin/python3 scripts/family/make_family_fixtures.py OUT_DIR

For each source file it writes `OUT_DIR/<stem>-%06d.nwb` with h5py's family driver (the way a
pynwb user with `driver='family'` does) and `OUT_DIR/<stem>.single.nwb` with HDF5's own
`h5repart -family_to_sec2`, the independent reading the tests compare our virtual file against.
Debian packages: python3-h5py, hdf5-tools.
"""
import os
import subprocess
import sys

import h5py

TESTDATA = os.path.join(os.path.dirname(__file__), '..', '..', '..', 'shared', 'testdata')
SOURCES = [
    # (source file, member size): small members so even small files have several.
    ('neuroconv/ephy_testing_data/nwb/ecephys_tutorial_v2.5.0.nwb', 64 * 1024),
    ('neuroconv/ophys_testing_data/segmentation_datasets/nwb/nwb_test.nwb', 1024 * 1024),
]


def copy_into(source_path, target):
    with h5py.File(source_path, 'r') as source:
        for name, value in source.attrs.items():
            target.attrs[name] = value
        for name in source:
            # expand_soft keeps links as links; references are rewritten by h5py's copy.
            source.copy(name, target, name=name,
                        expand_soft=False, expand_refs=False, without_attrs=False)


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    for relative, member_size in SOURCES:
        source_path = os.path.normpath(os.path.join(TESTDATA, relative))
        stem = os.path.splitext(os.path.basename(relative))[0]
        pattern = os.path.join(out_dir, f'{stem}-%06d.nwb')
        for old in os.listdir(out_dir):
            if old.startswith(f'{stem}-'):
                os.remove(os.path.join(out_dir, old))
        with h5py.File(pattern, 'w', driver='family', memb_size=member_size) as target:
            copy_into(source_path, target)
        single = os.path.join(out_dir, f'{stem}.single.nwb')
        subprocess.run(['h5repart', '-m', str(member_size), '-family_to_sec2', pattern, single],
                       check=True)
        print(f'{pattern}: {len([n for n in os.listdir(out_dir) if n.startswith(stem + "-")])} members')


if __name__ == '__main__':
    main(sys.argv[1])
