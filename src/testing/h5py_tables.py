#!/usr/bin/env python3
"""
Independent reading for the table tests: every DynamicTable-like group of an NWB file (a group
with a colnames attribute and an id dataset), read whole with h5py. Prints JSON
{table_path: {"rows": n, "columns": {name: [cell, ...]}}}. Cells: numbers, strings, booleans,
lists (ragged rows, n-d rows; doubly ragged as lists of lists), object references as their path,
NaN as the string "NaN". Columns h5py cannot decode the same way (region-reference indexes,
compounds) are left out.
"""
import json
import math
import sys

import h5py
import numpy as np


def text(v):
    return v.decode('utf-8', 'replace') if isinstance(v, bytes) else v


def plain(v, f):
    if isinstance(v, h5py.Reference):
        return f[v].name if v else None
    if isinstance(v, np.ndarray):
        return [plain(x, f) for x in v.reshape(-1)] if v.ndim > 0 else plain(v[()], f)
    if isinstance(v, (bytes, str)):
        return text(v)
    if isinstance(v, (np.bool_, bool)):
        return bool(v)
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating, float)):
        return 'NaN' if math.isnan(v) else float(v)
    if isinstance(v, np.void):
        return None
    return v


def bounds(index):
    stops = [int(x) for x in index[()]]
    return [(0 if i == 0 else stops[i - 1], s) for i, s in enumerate(stops)]


def read_column(g, name, f):
    data = g[name]
    if data.dtype.names is not None:
        return None  # compound: compared elsewhere
    if h5py.check_dtype(enum=data.dtype) and not h5py.check_dtype(enum=data.dtype) == {'FALSE': 0, 'TRUE': 1}:
        return None
    values = data[()]
    idx = g.get(name + '_index')
    idx2 = g.get(name + '_index_index')
    for ix in (idx, idx2):
        if ix is not None and ix.dtype.kind not in 'iu':
            return None
    if idx is None:
        return [plain(values[i], f) for i in range(len(values))]
    inner = [[plain(x, f) for x in values[a:b].reshape(-1)] for a, b in bounds(idx)]
    if idx2 is None:
        return inner
    return [inner[a:b] for a, b in bounds(idx2)]


def main(path):
    out = {}
    with h5py.File(path, 'r') as f:
        def visit(name, obj):
            if not isinstance(obj, h5py.Group) or 'colnames' not in obj.attrs or 'id' not in obj:
                return
            cols = {}
            for c in obj.attrs['colnames']:
                c = text(c)
                if c in obj and isinstance(obj[c], h5py.Dataset):
                    try:
                        col = read_column(obj, c, f)
                    except Exception:  # noqa: BLE001 - leave out what h5py cannot read either
                        col = None
                    if col is not None:
                        cols[c] = col
            out['/' + name] = {'rows': int(obj['id'].shape[0]), 'columns': cols}
        f.visititems(visit)
    print(json.dumps(out))


if __name__ == '__main__':
    main(sys.argv[1])
