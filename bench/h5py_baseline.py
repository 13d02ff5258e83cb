#!/usr/bin/python3
"""The Python user's way, as a baseline for bench/bench.ts: h5py over fsspec's HTTP file system.

Reads the same objects the explorer reads in the benchmark (the root listing with projected
attributes, then each named group's attributes and listing) and prints one JSON line with the
milliseconds of each phase. Requests and bytes are counted by the bench's range server; to let it
split them by phase, this script sends a marker request (GET <mark-base>/<phase>, answered 404)
before each phase. Marker time is outside the measured milliseconds.

Run with Debian's python3 (python3-h5py, python3-fsspec, python3-aiohttp):
  /usr/bin/python3 bench/h5py_baseline.py --url URL --groups '["/acquisition", ...]' \
      --attrs '["neurodata_type", "namespace"]' [--block-size 262144] [--mark-base URL]
"""

import argparse
import json
import sys
import time
import urllib.error
import urllib.request


def mark(base, label):
    if not base:
        return
    try:
        urllib.request.urlopen(f"{base}/{label}", timeout=10).read()
    except urllib.error.HTTPError:
        pass  # the marker path does not exist on purpose: only its log entry matters


def read_attrs(obj, names=None):
    """Reads attribute values (all of them, or only `names` where present), like the reader does."""
    out = {}
    keys = list(obj.attrs.keys()) if names is None else [n for n in names if n in obj.attrs]
    for key in keys:
        value = obj.attrs[key]
        out[key] = value
    return out


def list_children(h5py, group, attrs):
    """Children in name order with their kind and projected attributes; soft links followed."""
    entries = []
    for name in sorted(group.keys()):
        link = group.get(name, getlink=True)
        entry = {"name": name}
        if isinstance(link, h5py.ExternalLink):
            entry["kind"] = "external-link"
        else:
            if isinstance(link, h5py.SoftLink):
                entry["link"] = link.path
            try:
                obj = group[name]
            except KeyError:
                entry["kind"] = "broken-link"
                entries.append(entry)
                continue
            entry["kind"] = "group" if isinstance(obj, h5py.Group) else "dataset"
            entry["attrs"] = sorted(read_attrs(obj, attrs).keys())
        entries.append(entry)
    return entries


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--groups", default="[]", help="JSON list of group paths to expand")
    parser.add_argument("--attrs", default='["neurodata_type", "namespace"]')
    parser.add_argument("--block-size", type=int, default=256 * 1024)
    parser.add_argument("--mark-base", default="")
    parser.add_argument("--cache-type", default="", help="fsspec cache_type; default: fsspec's")
    args = parser.parse_args()
    groups = json.loads(args.groups)
    attrs = json.loads(args.attrs)

    result = {"ok": False, "blockSize": args.block_size}
    try:
        import fsspec
        import h5py

        result["versions"] = {"h5py": h5py.__version__, "fsspec": fsspec.__version__}
        mark(args.mark_base, "open")
        t0 = time.perf_counter()
        fs = fsspec.filesystem("http")
        # fsspec's defaults otherwise: cache_type "bytes" (one read-ahead window).
        options = {"cache_type": args.cache_type} if args.cache_type else {}
        handle = fs.open(args.url, "rb", block_size=args.block_size, **options)
        f = h5py.File(handle, "r")
        root = list_children(h5py, f, attrs)
        open_ms = (time.perf_counter() - t0) * 1000
        expand_ms = []
        counts = [len(root)]
        for i, path in enumerate(groups):
            mark(args.mark_base, f"expand-{i}")
            t1 = time.perf_counter()
            group = f[path]
            read_attrs(group)
            children = list_children(h5py, group, attrs)
            expand_ms.append((time.perf_counter() - t1) * 1000)
            counts.append(len(children))
        mark(args.mark_base, "end")
        cache_type = type(getattr(handle, "cache", None)).__name__
        f.close()
        handle.close()
        result.update(
            ok=True,
            openMs=open_ms,
            expandMs=expand_ms,
            totalMs=open_ms + sum(expand_ms),
            childCounts=counts,
            cacheType=cache_type,
        )
    except Exception as error:  # a baseline that fails is reported, not fatal to the bench
        result["error"] = f"{type(error).__name__}: {error}"
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
