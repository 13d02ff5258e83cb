"""The loop the per-file h5py readers share: one JSON object {file: result} on stdout, where a
file h5py cannot open gives {"error": ...} instead of stopping the others."""

import json
import sys


def print_per_file(read_one):
    result = {}
    for path in sys.argv[1:]:
        try:
            result[path] = read_one(path)
        except OSError as error:
            result[path] = {"error": str(error)}
    print(json.dumps(result))
