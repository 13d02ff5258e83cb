#!/usr/bin/env python3
"""
Regenerates src/nwb/types/bundledSchemas.generated.ts: the neurodata type hierarchy
(type -> parent) of the core, hdmf-common and hdmf-experimental namespaces, for every released
version, so files without cached specifications (NWB 2.0b) and files whose cache is partial still
resolve their types.

Sources, all local:
  --nwb-schema DIR           a git clone of NeurodataWithoutBorders/nwb-schema (every tag + HEAD;
                             NWB 2.0b is the schema pynwb 1.0.x shipped, commit ced2ca7)
  --hdmf-common-schema DIR   a git clone of hdmf-dev/hdmf-common-schema (every tag + HEAD)
  --testdata DIR             NWB files whose cached /specifications add versions no tag has
                             (hdmf-common 1.0.0, core 2.6.0-alpha, ...)

Run with Debian's python3 (python3-yaml, python3-h5py):
  /usr/bin/python3 scripts/generate-nwb-type-table.py \
    --nwb-schema /work/.mirror/NeurodataWithoutBorders+nwb-schema/repo \
    --hdmf-common-schema /work/.mirror/hdmf-dev+hdmf-common-schema/repo \
    --testdata ../shared/testdata
"""
import argparse
import json
import os
import re
import subprocess
import sys

import yaml

BUNDLED_NAMESPACES = ('core', 'hdmf-common', 'hdmf-experimental')
OUT = os.path.join(os.path.dirname(__file__), '..', 'src', 'nwb', 'types',
                   'bundledSchemas.generated.ts')
NWB_2_0B_COMMIT = 'ced2ca7'


def collect_defs(spec, out):
    """Every neurodata_type_def in a spec tree (nested groups and datasets too)."""
    if isinstance(spec, dict):
        name = spec.get('neurodata_type_def') or spec.get('data_type_def')
        if name:
            out[name] = spec.get('neurodata_type_inc') or spec.get('data_type_inc') or ''
        for key in ('groups', 'datasets'):
            for child in spec.get(key) or []:
                collect_defs(child, out)
    elif isinstance(spec, list):
        for child in spec:
            collect_defs(child, out)


def git_show(repo, rev, path):
    try:
        return subprocess.run(['git', '--git-dir', repo, 'show', f'{rev}:{path}'],
                              check=True, capture_output=True, text=True).stdout
    except subprocess.CalledProcessError:
        return None


def git_dir(path):
    return path if os.path.isdir(os.path.join(path, 'objects')) else os.path.join(path, '.git')


def from_repo(repo, namespace_file, revs, versions):
    """versions[ns][version] = {type: parent} for every namespace declared in namespace_file."""
    folder = os.path.dirname(namespace_file)
    for rev, label in revs:
        text = git_show(repo, rev, namespace_file)
        if text is None:
            continue
        for ns in yaml.safe_load(text).get('namespaces', []):
            name = ns['name']
            if name not in BUNDLED_NAMESPACES:
                continue
            version = label if label and name == 'core' else str(ns.get('version'))
            defs = {}
            complete = True
            for item in ns.get('schema', []):
                source = item.get('source')
                if not source:
                    continue
                body = git_show(repo, rev, f'{folder}/{source}' if folder else source)
                if body is None and not source.endswith('.yaml'):
                    body = git_show(repo, rev, f'{folder}/{source}.yaml')
                if body is None:
                    continue
                try:
                    collect_defs(yaml.safe_load(body), defs)
                except yaml.YAMLError as error:
                    # A few old tags hold YAML that no longer parses; the cached specs of the test
                    # files cover those versions where it matters.
                    print(f'skipped {rev} ({source}: {str(error).splitlines()[0]})', file=sys.stderr)
                    complete = False
            if defs and complete:
                versions.setdefault(name, {}).setdefault(version, defs)


def tags(repo):
    out = subprocess.run(['git', '--git-dir', repo, 'tag'], check=True, capture_output=True,
                         text=True).stdout.split()
    return [(t, None) for t in out] + [('HEAD', None)]


def from_testdata(root, versions):
    import h5py  # only needed here

    for folder, _, files in os.walk(root):
        for f in files:
            if not f.endswith('.nwb'):
                continue
            try:
                h5 = h5py.File(os.path.join(folder, f), 'r')
            except OSError:
                continue
            with h5:
                specs = h5.get('specifications')
                if specs is None:
                    continue
                for ns in specs:
                    if ns not in BUNDLED_NAMESPACES:
                        continue
                    for version in specs[ns]:
                        group = specs[ns][version]
                        defs = {}
                        for source in group:
                            if source == 'namespace':
                                continue
                            raw = group[source][()]
                            if isinstance(raw, bytes):
                                raw = raw.decode('utf-8')
                            collect_defs(json.loads(raw), defs)
                        if defs:
                            versions.setdefault(ns, {}).setdefault(version, defs)


def version_key(v):
    """2.0b < 2.0.1 < ... < 2.6.0-alpha < 2.6.0 ..."""
    m = re.match(r'^(\d+)\.(\d+)(?:\.(\d+))?(b)?(?:-(\w+))?', v)
    if not m:
        return (999, v)
    major, minor, patch, beta, pre = m.groups()
    return (int(major), int(minor), -1 if beta else int(patch or 0), 0 if pre else 1, v)


def compact(by_version):
    """
    {type: parent} when a type is defined in every version with one parent, else
    {type: [[parent, fromIndex], ...]} where parent null means "not defined in this namespace from
    that version on" (DynamicTable left core for hdmf-common in 2.1).
    """
    order = sorted(by_version, key=version_key)
    types = {}
    for index, version in enumerate(order):
        defs = by_version[version]
        for name in set(types) | set(defs):
            parent = defs.get(name)
            history = types.setdefault(name, [] if index == 0 or parent is None else [[None, 0]])
            if (history[-1][0] if history else None) != parent or not history:
                history.append([parent, index])
    flat = {n: (h[0][0] if len(h) == 1 else h) for n, h in sorted(types.items())}
    return {'versions': order, 'types': flat}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--nwb-schema', required=True)
    parser.add_argument('--hdmf-common-schema', required=True)
    parser.add_argument('--testdata', required=True)
    args = parser.parse_args()
    versions = {}
    nwb = git_dir(args.nwb_schema)
    from_repo(nwb, 'core/nwb.namespace.yaml', [(NWB_2_0B_COMMIT, '2.0b')] + tags(nwb), versions)
    common = git_dir(args.hdmf_common_schema)
    from_repo(common, 'common/namespace.yaml', tags(common), versions)
    from_testdata(args.testdata, versions)
    table = {ns: compact(versions[ns]) for ns in BUNDLED_NAMESPACES if ns in versions}
    body = json.dumps(table, indent=None, separators=(',', ':'), sort_keys=True)
    with open(OUT, 'w') as out:
        out.write('// Generated by scripts/generate-nwb-type-table.py from the nwb-schema and\n')
        out.write('// hdmf-common-schema repositories and the specifications cached in the test\n')
        out.write('// files. Do not edit: rerun the script.\n')
        out.write("import type { BundledSchemas } from './bundledSchemas';\n\n")
        out.write('// prettier-ignore\n')
        out.write(f'export const BUNDLED_SCHEMAS: BundledSchemas = {body};\n')
    for ns, t in table.items():
        print(ns, len(t['types']), 'types,', 'versions:', ' '.join(t['versions']), file=sys.stderr)


if __name__ == '__main__':
    main()
