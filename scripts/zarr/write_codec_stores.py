"""Writes small Zarr v2 stores, one per codec, with zarr-python (Debian python3-zarr).

An independent writer for the Zarr backend's tests: every numeric array holds
arange(n) reshaped, so the reader's values can be checked by formula.
Usage: python3 write_codec_stores.py OUT_DIR
"""
import sys

import numcodecs
import numpy as np
import zarr

out = sys.argv[1]
root = zarr.open_group(out + "/codecs.zarr", mode="w")
root.attrs["title"] = "codec test store"
root.attrs["rate"] = 30000.0
root.attrs["count"] = 3
root.attrs["names"] = ["a", "b"]

shape, chunks = (40, 6), (16, 4)
data = np.arange(240, dtype="<f8").reshape(shape)
ints = np.arange(240, dtype="<i4").reshape(shape)
compressors = {
    "blosc_lz4": numcodecs.Blosc(cname="lz4", clevel=5, shuffle=numcodecs.Blosc.SHUFFLE),
    "blosc_zstd": numcodecs.Blosc(cname="zstd", clevel=3, shuffle=numcodecs.Blosc.BITSHUFFLE),
    "zstd": numcodecs.Zstd(level=3),
    "lz4": numcodecs.LZ4(),
    "gzip": numcodecs.GZip(level=5),
    "zlib": numcodecs.Zlib(level=5),
    "none": None,
}
for name, compressor in compressors.items():
    root.create_dataset(name, data=data, chunks=chunks, compressor=compressor)
root.create_dataset("shuffle_zlib", data=ints, chunks=chunks, filters=[numcodecs.Shuffle(elementsize=4)],
                    compressor=numcodecs.Zlib())
root.create_dataset("delta", data=ints, chunks=chunks, filters=[numcodecs.Delta(dtype="<i4")], compressor=None)
root.create_dataset("int64_big_endian", data=np.arange(10, dtype=">i8"), chunks=(4,))
root.create_dataset("bool", data=np.arange(10) % 3 == 0, chunks=(4,))
texts = np.array(["alpha", "βeta", "", "delta δ", "e"], dtype=object)
root.create_dataset("vlen_utf8", data=texts, dtype=object, object_codec=numcodecs.VLenUTF8(), chunks=(2,))
root.create_dataset("vlen_bytes", data=np.array([b"x1", b"yy2", b"", b"z"], dtype=object), dtype=object,
                    object_codec=numcodecs.VLenBytes(), chunks=(3,))
root.create_dataset("json2", data=np.array(["j0", "j1", "j2"], dtype=object), dtype=object,
                    object_codec=numcodecs.JSON(), chunks=(2,))
root.create_dataset("pickled", data=np.array([{"a": 1}, 2], dtype=object), dtype=object,
                    object_codec=numcodecs.Pickle())
sub = root.create_group("group/nested")
sub.attrs["neurodata_type"] = "TimeSeries"
sub.create_dataset("data", data=np.arange(5, dtype="<u2"))
scalar = root.create_dataset("scalar", data=np.array([2.5]), shape=(1,))
scalar.attrs["zarr_dtype"] = "scalar"
zarr.consolidate_metadata(out + "/codecs.zarr")
