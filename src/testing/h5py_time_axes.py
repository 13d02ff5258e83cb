#!/usr/bin/python3
"""Independent reading of every TimeSeries time axis in the given HDF5 files, for the unit tests.

A TimeSeries is any group holding a `data` dataset and either a `timestamps` dataset or a
`starting_time` dataset (the NWB schema's two ways to give time). Prints one JSON object:
{file: [{path, dataLength, kind, length, first, last}]}. Run with Debian's python3-h5py:
  /usr/bin/python3 src/testing/h5py_time_axes.py a.nwb b.nwb
"""

import h5py
import numpy as np
from h5py_per_file import print_per_file


def scalar(value):
    arr = np.asarray(value)
    return float(arr.reshape(-1)[0])


def axes_of(path):
    out = []
    with h5py.File(path, "r") as f:
        groups = []

        def visit(name, obj):
            if isinstance(obj, h5py.Group):
                groups.append("/" + name)

        f.visititems(visit)
        for gpath in groups:
            try:
                g = f[gpath]
                if "data" not in g or not isinstance(g["data"], h5py.Dataset):
                    continue
                data = g["data"]
                data_len = int(data.shape[0]) if data.shape else None
                if "timestamps" in g and isinstance(g["timestamps"], h5py.Dataset):
                    ts = g["timestamps"]
                    n = int(ts.shape[0]) if ts.shape else 0
                    if n == 0:
                        continue
                    usable = n if data_len is None else min(n, data_len)
                    out.append({
                        "path": gpath,
                        "dataLength": data_len,
                        "kind": "timestamps",
                        "length": usable,
                        "first": float(ts[0]),
                        "last": float(ts[n - 1]),
                    })
                elif "starting_time" in g:
                    st = g["starting_time"]
                    rate = st.attrs.get("rate")
                    if rate is None or data_len is None:
                        continue
                    rate = scalar(rate)
                    start = scalar(st[()])
                    out.append({
                        "path": gpath,
                        "dataLength": data_len,
                        "kind": "rate",
                        "length": data_len,
                        "first": start,
                        "last": start + max(0, data_len - 1) / rate,
                    })
            except (KeyError, OSError, TypeError, ValueError):
                continue  # a broken link or unreadable object: not part of this check
    return out


if __name__ == "__main__":
    print_per_file(axes_of)
