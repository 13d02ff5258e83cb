#!/usr/bin/python3
"""h5py over fsspec's HTTP file system doing the table benchmark's tasks (bench/table.ts), as a
Python user would without pynwb (pynwb is not installable from Debian here): one task per run,
the file opened fresh. Prints one JSON line {"ok", "ms", "rows"}.

  /usr/bin/python3 bench/table_h5py.py --url URL --task units-scalar [--cache-type block] \
      [--block-size 262144]
"""
import argparse
import json
import sys
import time

SCALAR_UNITS = ["amplitude", "firing_rate", "quality"]


def bounds(index, rows):
    out = []
    for r in rows:
        start = 0 if r == 0 else int(index[r - 1])
        out.append((start, int(index[r])))
    return out


def task_overview(f):
    seen = []

    def visit(name, obj):
        if name.startswith("specifications"):
            return
        if "neurodata_type" in obj.attrs:
            seen.append(name)
            if "data" in obj and hasattr(obj["data"], "shape"):
                obj["data"].shape
    f.visititems(visit)
    return len(seen)


def task(f, name):
    units = f["units"]
    if name == "overview":
        return task_overview(f)
    if name == "units-first":
        cols = {c: units[c][0:50] for c in SCALAR_UNITS + ["id"]}
        return len(cols["id"])
    if name == "units-scalar":
        cols = {c: units[c][()] for c in SCALAR_UNITS + ["id"]}
        return len(cols["id"])
    if name == "units-filtered":
        quality = units["quality"][()]
        rows = [i for i, q in enumerate(quality) if q in (b"good", "good")]
        index = units["spike_times_index"][()]
        data = units["spike_times"]
        spikes = [data[a:b] for a, b in bounds(index, rows)]
        return len(spikes)
    if name == "trials":
        trials = f["intervals/trials"]
        cols = {c: trials[c][()] for c in trials.keys()}
        return len(cols["id"])
    raise ValueError(name)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--task", required=True)
    parser.add_argument("--cache-type", default="")
    parser.add_argument("--block-size", type=int, default=None)
    args = parser.parse_args()
    result = {"ok": False}
    try:
        import fsspec
        import h5py

        t0 = time.perf_counter()
        fs = fsspec.filesystem("http")
        options = {"cache_type": args.cache_type} if args.cache_type else {}
        if args.block_size:
            options["block_size"] = args.block_size
        handle = fs.open(args.url, "rb", **options)
        f = h5py.File(handle, "r")
        rows = task(f, args.task)
        result.update(ok=True, ms=(time.perf_counter() - t0) * 1000, rows=rows)
        f.close()
        handle.close()
    except Exception as error:  # reported, not fatal to the bench
        result["error"] = f"{type(error).__name__}: {error}"
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
