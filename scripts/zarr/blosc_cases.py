"""Blosc test cases for src/zarr/blosc/decodeBlosc.test.ts, compressed AND decompressed by
numcodecs (c-blosc), an independent implementation of what our TypeScript decoder reads.

Usage: blosc_cases.py OUT_DIR [ZARR_STORE ...]
Writes OUT_DIR/<name>.blosc (compressed) and OUT_DIR/<name>.raw (numcodecs' decompression) for
synthetic cases (every compressor, shuffle mode, element size and block layout) and for the
Blosc-compressed chunks of the given Zarr v2 stores or arrays (real chunks, the first few of each
array), and OUT_DIR/cases.json listing them with how they were made.
"""
import json
import os
import sys

import numpy as np
from numcodecs import blosc

out_dir = sys.argv[1]
stores = sys.argv[2:]
os.makedirs(out_dir, exist_ok=True)
cases = []
MAX_CHUNKS_PER_ARRAY = 6


def emit(name, compressed, info):
    compressed = bytes(compressed)
    raw = bytes(blosc.decompress(compressed))
    with open(os.path.join(out_dir, name + ".blosc"), "wb") as f:
        f.write(compressed)
    with open(os.path.join(out_dir, name + ".raw"), "wb") as f:
        f.write(raw)
    cases.append({"name": name, **info})


rng = np.random.default_rng(7)


def data(kind, dtype, n):
    if kind == "random":
        return np.frombuffer(rng.bytes(n * np.dtype(dtype).itemsize), dtype=dtype)
    if kind == "smooth":
        t = np.arange(n)
        return (1000 * np.sin(t / 50.0) + rng.normal(0, 3, n)).astype(dtype)
    # runs: long stretches of zeros and repeats (long LZ4 matches, overlapping copies)
    a = np.zeros(n, dtype=dtype)
    a[n // 3 : n // 2] = 7
    a[n // 2 :: 5] = np.arange(len(a[n // 2 :: 5])).astype(dtype)
    return a


SHUFFLES = {"noshuffle": blosc.NOSHUFFLE, "shuffle": blosc.SHUFFLE, "bitshuffle": blosc.BITSHUFFLE}
for cname in ["lz4", "lz4hc", "blosclz", "zstd"]:
    for dtype in ["u1", "<i2", "<i4", "<f8", "V3", "<c16", "S32"]:
        for kind in ["smooth", "random", "runs"]:
            for shuffle in SHUFFLES:
                for n, blocksize in [(1, 0), (100, 0), (5000, 0), (12001, 0), (3001, 1024)]:
                    if cname not in ("lz4", "lz4hc") and (n not in (5000, 12001) or kind == "runs"):
                        continue  # other compressors only need to be told apart
                    if dtype.startswith("V") or dtype.startswith("S"):
                        arr = np.frombuffer(
                            data(kind, "u1", n * np.dtype(dtype).itemsize).tobytes(), dtype=dtype
                        )
                    else:
                        arr = data(kind, dtype, n)
                    name = f"{cname}_{dtype.strip('<')}_{kind}_{shuffle}_{n}_{blocksize}"
                    compressed = blosc.compress(arr, cname.encode(), 5, SHUFFLES[shuffle], blocksize)
                    emit(name, compressed, {"cname": cname, "shuffle": shuffle, "real": False})

for store in stores:
    for root, _dirs, files in os.walk(store):
        if ".zarray" not in files:
            continue
        with open(os.path.join(root, ".zarray")) as f:
            meta = json.load(f)
        comp = meta.get("compressor") or {}
        if comp.get("id") != "blosc":
            continue
        for chunk in sorted(f for f in files if not f.startswith("."))[:MAX_CHUNKS_PER_ARRAY]:
            with open(os.path.join(root, chunk), "rb") as f:
                compressed = f.read()
            rel = os.path.relpath(os.path.join(root, chunk), store).replace(os.sep, "__")
            emit(
                "real__" + os.path.basename(store) + "__" + rel,
                compressed,
                {"cname": comp.get("cname"), "shuffle": comp.get("shuffle"), "real": True},
            )

with open(os.path.join(out_dir, "cases.json"), "w") as f:
    json.dump(cases, f)
print(len(cases), "cases")
