"""The Python peer for the Zarr benchmark: zarr-python over fsspec HTTP (Debian python3-zarr,
python3-fsspec, python3-aiohttp), reading what bench/zarr.ts reads, from the same server.

Usage: python3 zarr_python_peer.py STORE_URL LINDI_URL UNITS_COLUMNS LFP_PATH ROWS
Prints one JSON line: {"zarr": {...ms}, "lindi": {...ms}} with open, units and lfp times.
"""
import json
import signal
import sys
import time

import fsspec
import zarr

store_url, lindi_url, columns, lfp_path, rows = sys.argv[1:6]
columns = columns.split(",")
rows = int(rows)


def run(open_group):
    t0 = time.perf_counter()
    root = open_group()
    children = [(name, dict(obj.attrs).get("neurodata_type")) for name, obj in root.items()]
    t1 = time.perf_counter()
    units = root["units"]
    values = [units[c][:] for c in columns]
    t2 = time.perf_counter()
    lfp = root[lfp_path.strip("/")][0:rows, :]
    t3 = time.perf_counter()
    return {
        "openMs": (t1 - t0) * 1000,
        "unitsMs": (t2 - t1) * 1000,
        "lfpMs": (t3 - t2) * 1000,
        "children": len(children),
        "unitsRows": [len(v) for v in values],
        "lfpShape": list(lfp.shape),
    }


def consolidated():
    return zarr.open_consolidated(fsspec.get_mapper(store_url), mode="r")


def lindi():
    # A LINDI file is a reference file system whose small objects (.zattrs, .zarray, ...) are
    # written inline as JSON objects; fsspec's ReferenceFileSystem takes inline values as text
    # only, so they are serialised first (what lindi's own Python reader does for fsspec).
    with fsspec.open(lindi_url, "rt") as f:
        spec = json.load(f)
    refs = {
        k: json.dumps(v) if isinstance(v, dict) else v for k, v in spec["refs"].items()
    }
    fs = fsspec.filesystem(
        "reference", fo={"version": 1, "refs": refs}, remote_protocol="http"
    )
    return zarr.open_group(fs.get_mapper(""), mode="r")


out = {"versions": {"zarr": zarr.__version__, "fsspec": fsspec.__version__}}
def give_up(_signum, _frame):
    raise TimeoutError("no answer within 45 s")


signal.signal(signal.SIGALRM, give_up)
for label, opener in [("zarr", consolidated), ("lindi", lindi)]:
    signal.alarm(45)
    try:
        out[label] = run(opener)
    except Exception as e:  # reported, not fatal: the other contestant still runs
        out[label] = {"error": f"{type(e).__name__}: {e}"}
    finally:
        signal.alarm(0)
print(json.dumps(out))
