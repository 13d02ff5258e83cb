#!/usr/bin/env python3
"""
Independent reading for the NWB type tests: every object of an NWB file that has a
neurodata_type, with its ancestry computed by h5py from the specifications cached in the file
(nothing shared with the app's code). Prints JSON {path: {"type", "namespace", "ancestry"}};
ancestry is null when the file caches no specification for the type's namespace.
"""
import json
import sys

import h5py


def text(value):
    if isinstance(value, bytes):
        return value.decode('utf-8')
    if hasattr(value, 'shape') and value.shape == (1,):
        return text(value[0])
    return str(value)


def cached_parents(f):
    parents = {}
    specs = f.get('specifications')
    if specs is None:
        return parents
    for ns in specs:
        versions = sorted(specs[ns].keys())
        group = specs[ns][versions[-1]]
        for source in group:
            if source == 'namespace':
                continue
            collect(json.loads(text(group[source][()])), parents, ns)
    return parents


def collect(spec, parents, ns):
    if isinstance(spec, list):
        for s in spec:
            collect(s, parents, ns)
    elif isinstance(spec, dict):
        name = spec.get('neurodata_type_def') or spec.get('data_type_def')
        if name:
            parents[(ns, name)] = spec.get('neurodata_type_inc') or spec.get('data_type_inc') or ''
        collect(spec.get('groups') or [], parents, ns)
        collect(spec.get('datasets') or [], parents, ns)


def ancestry(name, ns, parents):
    by_name = {}
    for (n, t), p in parents.items():
        by_name.setdefault(t, {})[n] = p
    if name not in by_name:
        return None
    out = [name]
    current = name
    while True:
        options = by_name.get(current)
        if not options:
            break
        parent = options.get(ns) or next(iter(options.values()))
        if not parent or parent in out:
            break
        out.append(parent)
        current = parent
    return out


def main(path):
    result = {}
    with h5py.File(path, 'r') as f:
        parents = cached_parents(f)

        def visit(name, obj):
            if 'neurodata_type' not in obj.attrs:
                return
            t = text(obj.attrs['neurodata_type'])
            ns = text(obj.attrs['namespace']) if 'namespace' in obj.attrs else ''
            result['/' + name] = {'type': t, 'namespace': ns,
                                  'ancestry': ancestry(t, ns, parents) if parents else None}

        visit('', f)
        f.visititems(visit)
    print(json.dumps(result))


if __name__ == '__main__':
    main(sys.argv[1])
