#!/usr/bin/python3
"""h5py over fsspec's HTTP file system doing the across-files benchmark's tasks (bench/across.ts)
the way a Python user would today: a loop over the files, each opened fresh, reading the same
things ours reads. One task per run. Prints one JSON line {"ok", "ms", "rows"}.

  /usr/bin/python3 bench/across_h5py.py --urls '["http://..."]' --task units-scalar \
      [--cache-type block] [--block-size 262144]
"""
import argparse
import json
import sys
import time

UNITS_SCALAR = ["firing_rate", "quality", "depth"]
GENERAL = ["session_description", "identifier", "session_start_time"]
GENERAL_FIELDS = ["lab", "institution", "experimenter"]
SUBJECT_FIELDS = ["subject_id", "species", "sex", "age", "genotype"]


def text(value):
    return value.decode() if isinstance(value, bytes) else value


def metadata(f):
    """One metadata row: identity, /general, subject, counts, typed objects and durations."""
    row = {"nwb_version": text(f.attrs.get("nwb_version"))}
    for name in GENERAL:
        if name in f:
            row[name] = text(f[name][()])
    general = f.get("general")
    if general is not None:
        for name in GENERAL_FIELDS:
            if name in general:
                row[name] = str(general[name][()])
        subject = general.get("subject")
        if subject is not None:
            for name in SUBJECT_FIELDS:
                if name in subject:
                    row[name] = text(subject[name][()])
    for table in ["units", "intervals/trials"]:
        if table in f:
            row[table] = f[table]["id"].shape[0]
    tables, series, durations = [], [], []

    def visit(name, obj):
        if name.startswith("specifications") or not hasattr(obj, "keys"):
            return
        kind = text(obj.attrs.get("neurodata_type"))
        if kind in ("Units", "TimeIntervals", "DynamicTable"):
            tables.append(name)
        timed = "timestamps" in obj or "starting_time" in obj
        if "data" in obj and hasattr(obj["data"], "shape") and timed:
            series.append(name)
            data = obj["data"]
            if "starting_time" in obj:
                rate = obj["starting_time"].attrs.get("rate")
                if rate and data.shape:
                    durations.append(data.shape[0] / rate)
            elif "timestamps" in obj and obj["timestamps"].shape[0] > 0:
                stamps = obj["timestamps"]
                durations.append(float(stamps[-1]) - float(stamps[0]))

    f.visititems(visit)
    row.update(tables=tables, series=series, duration=max(durations) if durations else None)
    return 1


def bounds(index, rows):
    return [(0 if r == 0 else int(index[r - 1]), int(index[r])) for r in rows]


def task(f, name):
    if name == "metadata":
        return metadata(f)
    if name == "trials":
        trials = f["intervals/trials"]
        cols = {c: trials[c][()] for c in trials.keys()}
        return len(cols["id"])
    units = f["units"]
    if name == "units-scalar":
        cols = {c: units[c][()] for c in ["id"] + UNITS_SCALAR if c in units}
        return len(cols["id"])
    if name == "units-filtered":
        quality = units["quality"][()]
        rows = [i for i, q in enumerate(quality) if q in (b"good", "good")]
        index = units["spike_times_index"][()]
        data = units["spike_times"]
        spikes = [data[a:b] for a, b in bounds(index, rows)]
        return len(spikes)
    raise ValueError(name)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--urls", required=True)
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
        rows = 0
        for url in json.loads(args.urls):
            with fs.open(url, "rb", **options) as handle, h5py.File(handle, "r") as f:
                rows += task(f, args.task)
        result.update(ok=True, ms=(time.perf_counter() - t0) * 1000, rows=rows)
    except Exception as error:  # reported, not fatal to the bench
        result["error"] = f"{type(error).__name__}: {error}"
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
