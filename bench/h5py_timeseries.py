#!/usr/bin/python3
"""The Python peer for bench/timeseries.ts: h5py over fsspec's HTTP file system reading the same
10 s LFP window (all channels) and the same spike raster data (every unit's spike times, then the
10 s window picked out), as a Python user would. Prints one JSON line with milliseconds per phase;
the bench's range server counts requests and bytes between the marker requests sent before each.

  /usr/bin/python3 bench/h5py_timeseries.py --url URL --lfp PATH --rows A B --t0 T0 --t1 T1 \
      [--cache-type block] [--block-size 262144] [--mark-base URL]
"""

import argparse
import json
import time

from h5py_baseline import mark  # the same marker requests (this folder is on sys.path)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--lfp", required=True)
    p.add_argument("--rows", type=int, nargs=2, required=True)
    p.add_argument("--t0", type=float, required=True)
    p.add_argument("--t1", type=float, required=True)
    p.add_argument("--cache-type", default="")
    p.add_argument("--block-size", type=int, default=256 * 1024)
    p.add_argument("--mark-base", default="")
    args = p.parse_args()
    out = {"ok": False}
    try:
        import fsspec
        import h5py
        import numpy as np

        fs = fsspec.filesystem("http")
        options = {"cache_type": args.cache_type} if args.cache_type else {}
        mark(args.mark_base, "open")
        t = time.perf_counter()
        f = h5py.File(fs.open(args.url, "rb", block_size=args.block_size, **options), "r")
        out["openMs"] = (time.perf_counter() - t) * 1000

        mark(args.mark_base, "window")
        t = time.perf_counter()
        window = f[args.lfp][args.rows[0]:args.rows[1], :]
        out["windowMs"] = (time.perf_counter() - t) * 1000
        out["windowShape"] = list(window.shape)

        mark(args.mark_base, "raster")
        t = time.perf_counter()
        index = f["/units/spike_times_index"][()]
        times = f["/units/spike_times"][()]
        start = 0
        count = 0
        for end in index:
            unit = times[start:end]
            count += int(((unit >= args.t0) & (unit <= args.t1)).sum())
            start = int(end)
        out["rasterMs"] = (time.perf_counter() - t) * 1000
        out["rasterSpikes"] = count
        mark(args.mark_base, "end")
        out["ok"] = True
        out["versions"] = {"h5py": h5py.__version__, "fsspec": fsspec.__version__, "numpy": np.__version__}
    except Exception as error:  # report, never crash the bench
        out["error"] = repr(error)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
