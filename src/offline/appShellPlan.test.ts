import { describe, expect, it } from 'vitest';
import {
  handlingOf,
  installUrlsOf,
  shellUrlsOf,
  staleCaches,
  type AppShellManifest,
} from './appShellPlan';

const scope = 'http://127.0.0.1:4173/';
const manifest: AppShellManifest = {
  version: 'v2',
  files: ['index.html', 'assets/index-abc.js', 'assets/hdf5_util.123.wasm'],
  onDemand: ['assets/duckdb-eh-xyz.wasm'],
};
const shell = shellUrlsOf(manifest, scope);
const get = (url: string, extra: { mode?: string; range?: string; method?: string } = {}) =>
  handlingOf(
    { url, method: extra.method ?? 'GET', mode: extra.mode ?? 'cors', range: extra.range ?? null },
    scope,
    shell,
  );

describe('appShellPlan', () => {
  it('serves navigations network-first and build files from the cache', () => {
    expect(get(`${scope}?url=https%3A%2F%2Fx%2Ff.nwb`, { mode: 'navigate' })).toBe('navigation');
    expect(get(`${scope}assets/index-abc.js`)).toBe('shell-file');
    expect(get(`${scope}assets/hdf5_util.123.wasm?v=1`)).toBe('shell-file');
  });

  it('leaves data alone: other origins, Range requests, files outside the build, non-GET', () => {
    expect(get('http://127.0.0.1:9000/assets/index-abc.js')).toBe('pass');
    expect(get(`${scope}samples/a.nwb`, { range: 'bytes=0-99' })).toBe('pass');
    expect(get(`${scope}assets/index-abc.js`, { range: 'bytes=0-99' })).toBe('pass');
    expect(get(`${scope}samples/a.nwb`)).toBe('pass');
    expect(get(`${scope}assets/index-abc.js`, { method: 'HEAD' })).toBe('pass');
  });

  it('installs the build but a file too large for the install step, which it serves once used', () => {
    expect(installUrlsOf(manifest, scope)).not.toContain(`${scope}assets/duckdb-eh-xyz.wasm`);
    expect(installUrlsOf(manifest, scope)).toContain(`${scope}assets/hdf5_util.123.wasm`);
    expect(get(`${scope}assets/duckdb-eh-xyz.wasm`)).toBe('shell-file');
  });

  it('names the caches of earlier versions, and only ours', () => {
    expect(
      staleCaches(['nwb-explorer-shell-v1', 'nwb-explorer-shell-v2', 'someone-else'], manifest),
    ).toEqual(['nwb-explorer-shell-v1']);
  });
});
