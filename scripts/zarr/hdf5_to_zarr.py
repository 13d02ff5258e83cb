"""Copies an NWB HDF5 file into an hdmf-zarr style Zarr v2 store, with zarr-python.

For the benchmark's Zarr copy of the synthetic session: groups keep their attributes (object
references in hdmf-zarr's {"zarr_dtype": "object", "value": {...}} form), soft links become
`zarr_link` entries on the parent, scalars are shape-[1] arrays marked `zarr_dtype: "scalar"`,
numeric datasets keep the HDF5 chunk shape (contiguous ones get 1 MiB-ish chunks) with
Blosc-lz4, strings are vlen-utf8. The store is consolidated (.zmetadata) at the end.
Usage: python3 hdf5_to_zarr.py IN.nwb OUT.nwb.zarr
"""
import sys

import h5py
import numcodecs
import numpy as np
import zarr

src, out = sys.argv[1], sys.argv[2]
BLOSC = numcodecs.Blosc(cname="lz4", clevel=5, shuffle=numcodecs.Blosc.SHUFFLE)


def ref_attr(f, ref):
    return {"zarr_dtype": "object", "value": {"source": ".", "path": f[ref].name}}


def attr_value(f, v):
    if isinstance(v, h5py.Reference):
        return ref_attr(f, v)
    if isinstance(v, bytes):
        return v.decode("utf-8", "replace")
    if isinstance(v, np.ndarray):
        return [attr_value(f, x) for x in v.tolist()] if v.dtype.kind == "O" else attr_value(f, v.tolist())
    if isinstance(v, (list, tuple)):
        return [attr_value(f, x) for x in v]
    if isinstance(v, np.generic):
        return v.item()
    return v


def copy_attrs(f, h5obj, zobj, extra=None):
    attrs = {name: attr_value(f, h5obj.attrs[name]) for name in h5obj.attrs}
    attrs.update(extra or {})
    zobj.attrs.update(attrs)


def default_chunks(shape, itemsize):
    if not shape:
        return (1,)
    rows = max(1, (1 << 20) // max(1, itemsize * int(np.prod(shape[1:]) or 1)))
    return (min(shape[0], rows),) + tuple(shape[1:])


def copy_dataset(f, dset, zgroup, name):
    scalar = dset.shape == ()
    shape = (1,) if scalar else dset.shape
    extra = {"zarr_dtype": "scalar"} if scalar else {}
    kind = dset.dtype.kind
    if h5py.check_dtype(ref=dset.dtype):
        data = np.array([{"source": ".", "path": f[r].name if r else None} for r in np.ravel(dset[()])],
                        dtype=object).reshape(shape)
        z = zgroup.create_dataset(name, shape=shape, dtype=object, object_codec=numcodecs.JSON())
        z[...] = data
        extra["zarr_dtype"] = "object"
    elif kind in "SUO" or h5py.check_string_dtype(dset.dtype):
        values = np.ravel(np.asarray(dset[()], dtype=object))
        data = np.array([v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v) for v in values],
                        dtype=object).reshape(shape)
        z = zgroup.create_dataset(name, shape=shape, dtype=object, object_codec=numcodecs.VLenUTF8(),
                                  compressor=BLOSC)
        z[...] = data
    elif dset.dtype.names:
        return  # compound datasets are not part of the benchmark
    else:
        chunks = dset.chunks or default_chunks(shape, dset.dtype.itemsize)
        z = zgroup.create_dataset(name, shape=shape, chunks=chunks, dtype=dset.dtype, compressor=BLOSC)
        if scalar:
            z[0] = dset[()]
        else:
            step = chunks[0] * 8
            for start in range(0, shape[0], step):
                z[start:start + step] = dset[start:start + step]
    copy_attrs(f, dset, z, extra)


def copy_group(f, grp, zgroup):
    links = []
    for name in grp:
        link = grp.get(name, getlink=True)
        if isinstance(link, h5py.SoftLink):
            links.append({"name": name, "source": ".", "path": link.path})
            continue
        if isinstance(link, h5py.ExternalLink):
            continue
        obj = grp[name]
        if isinstance(obj, h5py.Group):
            copy_group(f, obj, zgroup.create_group(name))
        else:
            copy_dataset(f, obj, zgroup, name)
    copy_attrs(f, grp, zgroup, {"zarr_link": links} if links else None)


with h5py.File(src, "r") as f:
    root = zarr.open_group(out, mode="w")
    copy_group(f, f, root)
zarr.consolidate_metadata(out)
