#!/usr/bin/python3
"""Independent reading of every image frame source in the given HDF5 files, for the unit tests.

Where frames are, by the NWB schema (not by shape): the `data` of a group whose neurodata_type is
an ImageSeries kind (frames first), a PlaneSegmentation's 3-D `image_mask` (masks first), and a
dataset whose neurodata_type is an Image kind (one picture). For each prints the shape, the
number of frames, and the first and last frame flattened in row-major order as count, sum and
first values. Prints one JSON object {file: [...]}. Run with Debian's python3-h5py:
  /usr/bin/python3 src/testing/h5py_frames.py a.nwb b.nwb
"""

import h5py
import numpy as np
from h5py_per_file import print_per_file

SERIES = {"ImageSeries", "TwoPhotonSeries", "OnePhotonSeries", "ImageMaskSeries", "OpticalSeries"}
IMAGES = {"Image", "GrayscaleImage", "RGBImage", "RGBAImage"}


def text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def summary(frame):
    flat = np.asarray(frame, dtype=np.float64).reshape(-1)
    return {"count": int(flat.size), "sum": float(flat.sum()), "head": flat[:8].tolist()}


def sources_of(path):
    out = []
    with h5py.File(path, "r") as f:
        found = []

        def visit(name, obj):
            kind = text(obj.attrs.get("neurodata_type", ""))
            if isinstance(obj, h5py.Group) and kind in SERIES and "data" in obj:
                found.append(("/" + name + "/data", "stack"))
            elif isinstance(obj, h5py.Dataset) and name.endswith("/image_mask") and obj.ndim == 3:
                found.append(("/" + name, "stack"))
            elif isinstance(obj, h5py.Dataset) and kind in IMAGES:
                found.append(("/" + name, "image"))

        f.visititems(visit)
        for dpath, source in found:
            try:
                data = f[dpath]
                if not isinstance(data, h5py.Dataset) or data.dtype.kind not in "biuf":
                    continue
                shape = list(data.shape)
                entry = {"path": dpath, "source": source, "shape": shape}
                if 0 in shape:
                    entry["frames"] = 0
                elif source == "stack":
                    entry["frames"] = shape[0]
                    entry["first"] = summary(data[0])
                    entry["last"] = summary(data[shape[0] - 1])
                else:
                    entry["frames"] = 1
                    entry["first"] = entry["last"] = summary(data[()])
                out.append(entry)
            except (KeyError, OSError, TypeError, ValueError):
                continue  # a broken link or unreadable object: not part of this check
    return out


if __name__ == "__main__":
    print_per_file(sources_of)
