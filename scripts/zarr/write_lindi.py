"""Writes a LINDI reference file system (.nwb.lindi.json) for an HDF5 file, with h5py.

Written from LINDI's published description (a kerchunk-style `refs` map of Zarr v2 keys, with
_SCALAR, _SOFT_LINK, _REFERENCE and _COMPOUND_DTYPE annotations): groups become .zgroup/.zattrs,
numeric datasets point at the HDF5 file's own chunks ([url, offset, length]), and strings,
references and compounds are stored inline as json2-coded chunks.
Usage: python3 write_lindi.py IN.nwb URL_OF_IN OUT.lindi.json
"""
import base64
import json
import sys

import h5py
import numpy as np

src, url, out = sys.argv[1], sys.argv[2], sys.argv[3]
refs = {}


def key(path, name):
    path = path.strip("/")
    return f"{path}/{name}" if path else name


def ref_json(f, ref):
    try:
        return {"_REFERENCE": {"source": ".", "path": f[ref].name}}
    except Exception:
        return {"_REFERENCE": {"source": ".", "path": None}}


def to_json(f, value):
    if isinstance(value, h5py.Reference):
        return ref_json(f, value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, np.ndarray):
        return [to_json(f, v) for v in value.tolist()] if value.dtype.kind == "O" else to_json(f, value.tolist())
    if isinstance(value, (list, tuple)):
        return [to_json(f, v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def attrs_of(f, obj):
    out = {}
    for name in obj.attrs:
        try:
            out[name] = to_json(f, obj.attrs[name])
        except Exception:
            pass
    return out


def filters_of(dset):
    """Zarr filters and compressor for the HDF5 pipeline, or None when not expressible."""
    filters, compressor = [], None
    for fid, params in dset._filters.items():
        if fid == "shuffle":
            filters.append({"id": "shuffle", "elementsize": dset.dtype.itemsize})
        elif fid == "gzip":
            compressor = {"id": "zlib", "level": int(params) if params is not None else 4}
        else:
            return None
    return filters or None, compressor


def inline_json(f, dset, path, attrs, scalar):
    data = dset[()]
    items = np.asarray(data, dtype=object).reshape(-1).tolist() if not scalar else [data]
    items = [to_json(f, v) for v in items]
    if dset.dtype.names:
        attrs["_COMPOUND_DTYPE"] = [
            [n, "<REFERENCE>" if h5py.check_dtype(ref=dset.dtype[n]) else dset.dtype[n].str]
            for n in dset.dtype.names
        ]
    shape = [1] if scalar else list(dset.shape)
    refs[key(path, ".zarray")] = {
        "zarr_format": 2, "shape": shape, "chunks": shape if all(shape) else [1] * len(shape),
        "dtype": "|O", "compressor": None, "fill_value": None, "order": "C",
        "filters": [{"id": "json2"}],
    }
    refs[key(path, ".zattrs")] = attrs
    if all(shape):
        chunk = json.dumps(items + ["|O", shape])
        refs[key(path, ".".join("0" * len(shape)) if shape else "0")] = chunk


def dataset(f, dset, path):
    attrs = attrs_of(f, dset)
    scalar = dset.shape == ()
    if scalar:
        attrs["_SCALAR"] = True
    kind = dset.dtype.kind
    pipeline = filters_of(dset)
    if kind not in "iufb" or dset.dtype.names or pipeline is None:
        return inline_json(f, dset, path, attrs, scalar)
    filters, compressor = pipeline
    shape = [1] if scalar else list(dset.shape)
    chunks = list(dset.chunks) if dset.chunks else [max(1, n) for n in shape]
    refs[key(path, ".zarray")] = {
        "zarr_format": 2, "shape": shape, "chunks": chunks, "dtype": dset.dtype.str,
        "compressor": compressor, "filters": filters, "fill_value": 0, "order": "C",
    }
    refs[key(path, ".zattrs")] = attrs
    dsid = dset.id
    if dset.chunks:
        for i in range(dsid.get_num_chunks()):
            info = dsid.get_chunk_info(i)
            coords = ".".join(str(o // c) for o, c in zip(info.chunk_offset, chunks))
            refs[key(path, coords)] = [url, info.byte_offset, info.size]
    elif all(shape):
        offset = dsid.get_offset()
        chunk_key = key(path, ".".join("0" * len(shape)))
        if offset is None:
            raw = np.ascontiguousarray(dset[()]).tobytes()
            refs[chunk_key] = "base64:" + base64.b64encode(raw).decode()
        else:
            refs[chunk_key] = [url, offset, dsid.get_storage_size()]


def group(f, grp, path):
    refs[key(path, ".zgroup")] = {"zarr_format": 2}
    refs[key(path, ".zattrs")] = attrs_of(f, grp)
    for name in grp:
        link = grp.get(name, getlink=True)
        child = key(path, name)
        if isinstance(link, h5py.SoftLink):
            refs[key(child, ".zgroup")] = {"zarr_format": 2}
            refs[key(child, ".zattrs")] = {"_SOFT_LINK": {"path": link.path}}
            continue
        if isinstance(link, h5py.ExternalLink):
            continue
        obj = grp[name]
        if isinstance(obj, h5py.Group):
            group(f, obj, child)
        elif isinstance(obj, h5py.Dataset):
            dataset(f, obj, child)


with h5py.File(src, "r") as f:
    group(f, f, "")
with open(out, "w") as fh:
    json.dump({"version": 1, "refs": refs}, fh, indent=1)
