/**
 * The synthetic session at a tiny scale: NWB shape (types, tables, references, specs) and
 * determinism. The benchmark's figures are only meaningful if the file keeps this shape.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import h5wasm, { Reference } from 'h5wasm/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSyntheticSession } from '../make-synthetic-session';

const dir = mkdtempSync(path.join(tmpdir(), 'synthetic-'));
const first = path.join(dir, 'a.nwb');
const second = path.join(dir, 'b.nwb');
const quiet = () => undefined;

type H5File = InstanceType<typeof h5wasm.File>;
let file: H5File;

function attr(f: H5File, objPath: string, name: string): unknown {
  const obj = f.get(objPath);
  if (!(obj instanceof h5wasm.Group) && !(obj instanceof h5wasm.Dataset)) {
    throw new Error(`no object at ${objPath}`);
  }
  return obj.attrs[name]?.value;
}

function deref(f: H5File, objPath: string, name: string): string | undefined {
  const value = attr(f, objPath, name);
  const ref = Array.isArray(value) ? (value[0] as unknown) : value;
  if (!(ref instanceof Reference)) return undefined;
  const target = f.dereference(ref);
  return target !== null && 'path' in target && typeof target.path === 'string'
    ? target.path
    : undefined;
}

beforeAll(async () => {
  await makeSyntheticSession({ out: first, scale: 0.01, log: quiet });
  await h5wasm.ready;
  file = new h5wasm.File(first, 'r');
});

afterAll(() => {
  file?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('synthetic session', () => {
  it('is an NWB 2.7.0 file with cached specifications', () => {
    expect(attr(file, '/', 'neurodata_type')).toBe('NWBFile');
    expect(attr(file, '/', 'namespace')).toBe('core');
    expect(attr(file, '/', 'nwb_version')).toBe('2.7.0');
    expect(deref(file, '/', '.specloc')).toBe('/specifications');
    const ns = file.get('/specifications/core/2.7.0/namespace');
    if (!(ns instanceof h5wasm.Dataset)) throw new Error('no core namespace');
    const parsed = JSON.parse(String(ns.value)) as { namespaces: { version: string }[] };
    expect(parsed.namespaces[0]?.version).toBe('2.7.0');
  });

  it('has the tables of an ecephys session', () => {
    const rows = (p: string) => (file.get(p) as InstanceType<typeof h5wasm.Dataset>).shape?.[0];
    expect(rows('/general/extracellular_ephys/electrodes/id')).toBe(384);
    expect(rows('/units/id')).toBe(1000);
    expect(rows('/intervals/trials/id')).toBe(200);
    expect(attr(file, '/units', 'colnames')).toContain('spike_times');
    const index = file.get('/units/spike_times_index') as InstanceType<typeof h5wasm.Dataset>;
    const ends = index.value as ArrayLike<number>;
    expect(ends[ends.length - 1]).toBe(rows('/units/spike_times'));
    expect(deref(file, '/units/spike_times_index', 'target')).toBe('/units/spike_times');
    expect(deref(file, '/units/electrodes', 'table')).toBe(
      '/general/extracellular_ephys/electrodes',
    );
    const waveform = file.get('/units/waveform_mean') as InstanceType<typeof h5wasm.Dataset>;
    expect(waveform.shape).toEqual([1000, 82, 32]);
  });

  it('stores the bulk series chunked and gzip-compressed', () => {
    const data = file.get('/acquisition/ElectricalSeries/data') as InstanceType<
      typeof h5wasm.Dataset
    >;
    expect(data.shape?.[1]).toBe(384);
    expect(data.metadata.chunks).toEqual([8192, 64]);
    expect(data.filters.map((f) => f.id)).toContain(1);
    expect(attr(file, '/processing/ecephys/LFP/ElectricalSeries', 'neurodata_type')).toBe(
      'ElectricalSeries',
    );
  });

  it('gives every typed object a namespace and an object_id', () => {
    let typed = 0;
    for (const p of file.paths()) {
      const obj = file.get(p);
      if (!(obj instanceof h5wasm.Group) && !(obj instanceof h5wasm.Dataset)) continue;
      const names = Object.keys(obj.attrs);
      if (!names.includes('neurodata_type')) continue;
      typed++;
      expect(names, p).toContain('namespace');
      expect(names, p).toContain('object_id');
    }
    expect(typed).toBeGreaterThan(50);
  });

  it('is byte-identical for the same seed and scale', async () => {
    await makeSyntheticSession({ out: second, scale: 0.01, log: quiet });
    const hash = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
    expect(hash(second)).toBe(hash(first));
  });
});
