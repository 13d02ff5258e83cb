#!/usr/bin/env python3
"""Writes small HDF5 files with what real NWB files hold and the shared test data lacks.

References inside compound records (TimeIntervals `timeseries`, matnwb electrodes `group_ref`,
PlaneSegmentation region references), region references of every selection shape, scalar
reference datasets, chunked storage whose chunks outsize the data, every chunk index HDF5 has
(the "latest" file), compact and unwritten datasets, tables with variable-length strings,
enums, fixed-length strings, large integers and non-finite floats.

Usage: make-fidelity-fixtures.py OUTPUT_FOLDER   (needs Debian's python3-h5py)
Writes fidelity-edge-cases.h5 (default format) and fidelity-latest.h5 (libver="latest").
"""
import json
import os
import sys

import h5py
import numpy as np


def common(f):
    ts = f.create_group("acquisition/ts")
    data = ts.create_dataset("data", data=np.arange(40, dtype="<f8").reshape(10, 4))
    other = f.create_dataset("acquisition/other", data=np.arange(12, dtype="<i4"))
    table = f.create_group("intervals/trials")

    # TimeIntervals.timeseries: (idx_start, count, object reference) records.
    ts_dtype = np.dtype([("idx_start", "<i4"), ("count", "<i4"), ("timeseries", h5py.ref_dtype)])
    rows = np.array(
        [(0, 2, ts.ref), (2, 3, other.ref), (5, 1, ts.ref), (6, 4, data.ref), (-1, -1, h5py.Reference())],
        dtype=ts_dtype,
    )
    table.create_dataset("timeseries", data=rows)

    # matnwb electrodes table: a group_ref member beside strings and numbers.
    shank = f.create_group("general/extracellular_ephys/shank0")
    el_dtype = np.dtype(
        [
            ("x", "<f8"),
            ("location", h5py.string_dtype()),
            ("group_ref", h5py.ref_dtype),
            ("group_name", h5py.string_dtype()),
        ]
    )
    electrodes = np.array(
        [(1.5, "CA1", shank.ref, "shank0"), (2.5, "CA3", shank.ref, "shank0")], dtype=el_dtype
    )
    f.create_dataset("general/extracellular_ephys/electrodes", data=electrodes)

    # PlaneSegmentation-style region references, in a compound and alone.
    masks = f.create_dataset("processing/ophys/masks", data=np.arange(60, dtype="<f4").reshape(6, 10))
    region_dtype = np.dtype([("id", "<i8"), ("rois", h5py.regionref_dtype)])
    regions = np.array(
        [(0, masks.regionref[0:2, :]), (1, masks.regionref[3, 2:5]), (2, masks.regionref[5:6, 9])],
        dtype=region_dtype,
    )
    f.create_dataset("processing/ophys/rois", data=regions)

    series = f.create_dataset("units/spike_times", data=np.linspace(0, 1, 20))
    mask = np.zeros(20, dtype=bool)
    mask[[1, 4, 7]] = True
    refs = [
        series.regionref[0:4],  # one block
        series.regionref[4:20:3],  # a regular strided hyperslab
        series.regionref[mask],  # points
        series.regionref[...],  # everything
        masks.regionref[1:5:2, 0:10:4],  # 2-D strided blocks
    ]
    f.create_dataset("units/spike_times_index", data=refs, dtype=h5py.regionref_dtype)

    # Scalar references, as datasets and attributes.
    f.create_dataset("scalar_object_ref", data=ts.ref, dtype=h5py.ref_dtype)
    f.create_dataset("scalar_region_ref", data=series.regionref[2:5], dtype=h5py.regionref_dtype)
    f["scalar_object_ref"].attrs["target"] = data.ref
    f["scalar_object_ref"].attrs["targets"] = np.array([data.ref, other.ref], dtype=h5py.ref_dtype)
    f["scalar_object_ref"].attrs["records"] = np.array(
        [(1, data.ref), (2, other.ref)], dtype=[("k", "<i4"), ("target", h5py.ref_dtype)]
    )

    # Stored sizes HDF5 reports differently from elements x element size.
    f.create_dataset("storage/partial_chunk", data=np.arange(10.0), chunks=(2048,), maxshape=(None,))
    f.create_dataset(
        "storage/gzip_2d",
        data=np.tile(np.arange(100, dtype="<i2"), (50, 1)),
        chunks=(16, 32),
        compression="gzip",
        shuffle=True,
    )
    f.create_dataset("storage/unwritten_contiguous", shape=(100,), dtype="<f8")
    f.create_dataset("storage/unwritten_chunked", shape=(100,), dtype="<f8", chunks=(10,))
    f.create_dataset("storage/sparse_chunked", shape=(100,), dtype="<f8", chunks=(10,))[35:42] = 7.0
    vlen_table = np.array(
        [(i, f"row {i}" * (i + 1)) for i in range(11)],
        dtype=[("n", "<i4"), ("label", h5py.string_dtype())],
    )
    f.create_dataset("storage/vlen_table", data=vlen_table)
    f.create_dataset("storage/vlen_strings", data=[f"s{i}" * i for i in range(7)], dtype=h5py.string_dtype())
    space = h5py.h5s.create_simple((6,))
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    dcpl.set_layout(h5py.h5d.COMPACT)
    compact = h5py.h5d.create(f.id, b"storage/compact", h5py.h5t.STD_I32LE, space, dcpl)
    compact.write(h5py.h5s.ALL, h5py.h5s.ALL, np.arange(6, dtype="<i4"))

    # Value shapes worth a check.
    values = f.create_group("values")
    values.create_dataset("bool", data=np.array([True, False, True]))
    values.create_dataset("enum", data=np.array([0, 2, 1], dtype="u1"), dtype=h5py.enum_dtype({"RED": 0, "GREEN": 1, "BLUE": 2}, basetype="u1"))
    values.create_dataset("fixed_strings", data=np.array([b"ab", b"abcde", b""], dtype="S5"))
    values.create_dataset("big_uint64", data=np.array([2**63 + 5, 2**53 + 1, 0], dtype="<u8"))
    values.create_dataset("nonfinite", data=np.array([np.nan, np.inf, -np.inf, 1e-300, -0.0]))
    values.create_dataset("float32", data=np.array([0.1, 1 / 3, 1e20, -7.25], dtype="<f4"))
    values.create_dataset("big_endian", data=np.arange(5, dtype=">i4"))
    values.create_dataset("ragged", data=[np.arange(i, dtype="<i4") for i in range(1, 5)], dtype=h5py.vlen_dtype("<i4"))
    values.create_dataset("array_member", data=np.array([(1, [1.0, 2.0, 3.0]), (2, [4.0, 5.0, 6.0])], dtype=[("k", "<i4"), ("v", "<f8", (3,))]))
    values.create_dataset("big_3d", data=np.arange(7 * 9 * 11, dtype="<i4").reshape(7, 9, 11), chunks=(3, 4, 5))
    values.attrs["utf8"] = "naïve ✓ \"quoted\" back\\slash\ttab\nnewline"
    values.attrs["ints"] = np.array([[1, 2], [3, 4]], dtype="<i8")


def latest(f):
    common(f)
    # Every chunk index of the version 4 layout.
    f.create_dataset("index/single_chunk", data=np.arange(100.0), chunks=(100,))
    f.create_dataset("index/implicit", data=np.arange(100.0), chunks=(10,))
    f.create_dataset("index/fixed_array", data=np.arange(100.0), chunks=(7,), compression="gzip")
    f.create_dataset("index/extensible_array", data=np.arange(100.0), chunks=(7,), maxshape=(None,))
    f.create_dataset("index/btree2", data=np.arange(100.0).reshape(10, 10), chunks=(3, 3), maxshape=(None, None))
    f.create_dataset("index/fixed_array_many", data=np.arange(5000.0), chunks=(10,), compression="gzip")
    f.create_dataset("index/extensible_array_many", data=np.arange(5000.0), chunks=(10,), maxshape=(None,), compression="gzip")
    f.create_dataset("index/btree2_gzip", data=np.arange(100.0).reshape(10, 10), chunks=(3, 3), maxshape=(None, None), compression="gzip")
    f.create_dataset("index/btree2_many", data=np.arange(4000.0).reshape(40, 100), chunks=(3, 7), maxshape=(None, None))


REGION_DATASETS = ("units/spike_times_index", "processing/ophys/rois", "scalar_region_ref")


def selection_of(f, ref):
    """h5py's reading of a region reference, in the contract's RegionSelection shape."""
    space = h5py.h5r.get_region(ref, f.id)
    kind = space.get_select_type()
    if kind == h5py.h5s.SEL_ALL:
        return {"kind": "all"}
    if kind == h5py.h5s.SEL_NONE:
        return {"kind": "none"}
    if kind == h5py.h5s.SEL_POINTS:
        return {"kind": "points", "points": space.get_select_elem_pointlist().tolist()}
    blocks = space.get_select_hyper_blocklist()
    return {"kind": "hyperslab", "blocks": [{"start": b[0].tolist(), "end": b[1].tolist()} for b in blocks]}


def region_expectations(path):
    """Every region reference of REGION_DATASETS as h5py reads it (h5dump prints none in compounds)."""
    out = {}
    with h5py.File(path, "r") as f:
        for name in REGION_DATASETS:
            data = f[name][()]
            if not isinstance(data, np.ndarray):
                refs = [data]
            elif data.dtype.names:
                refs = list(data["rois"].reshape(-1))
            else:
                refs = list(data.reshape(-1))
            out["/" + name] = [{"path": f[r].name, "selection": selection_of(f, r)} for r in refs]
    return out


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(out, exist_ok=True)
    with h5py.File(os.path.join(out, "fidelity-edge-cases.h5.tmp"), "w") as f:
        common(f)
    with h5py.File(os.path.join(out, "fidelity-latest.h5.tmp"), "w", libver="latest") as f:
        latest(f)
    # Renamed once complete, so a test never reads a half-written file.
    for name in ("fidelity-edge-cases.h5", "fidelity-latest.h5"):
        path = os.path.join(out, name)
        with open(path + ".regions.json", "w") as j:
            json.dump(region_expectations(path + ".tmp"), j, indent=1)
        os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()
