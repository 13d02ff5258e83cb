/**
 * The Python baseline: runs bench/h5py_baseline.py (h5py over fsspec's HTTP file system) as a
 * subprocess against the same server, and splits the server's request log into phases by the
 * marker requests the script sends (see the script's docstring).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RequestLogEntry } from '../servers/range-server';
import { TREE_ATTRS, type PhaseResult } from './workload';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'h5py_baseline.py');
/** Debian's python3 carries python3-h5py/fsspec/aiohttp; a pyenv python on PATH may not. */
export const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
export const MARK_PREFIX = '/_bench_mark';

interface ScriptOutput {
  ok: boolean;
  error?: string;
  openMs?: number;
  expandMs?: number[];
  totalMs?: number;
  childCounts?: number[];
  cacheType?: string;
  versions?: Record<string, string>;
}

/**
 * fsspec cache types run as baselines. '' is fsspec's default for HTTP ("bytes": one contiguous
 * read-ahead window, which h5py's scattered metadata reads keep throwing away); "block" keeps
 * every 256 KiB block it fetched, which is what a careful Python user would pick.
 */
export const H5PY_CACHE_TYPES = ['', 'block'] as const;

export interface PythonResult {
  /** Short name for tables: "h5py" plus the cache type. */
  label: string;
  ok: boolean;
  error?: string;
  open: PhaseResult;
  expansions: PhaseResult[];
  total: PhaseResult;
  childCounts: number[];
  cacheType: string;
  versions: Record<string, string>;
}

function runScript(args: string[]): Promise<ScriptOutput> {
  return new Promise((resolve) => {
    const child = spawn(PYTHON, [SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (error) => resolve({ ok: false, error: `${PYTHON}: ${error.message}` }));
    child.on('close', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as ScriptOutput);
      } catch {
        resolve({ ok: false, error: `exit ${code ?? '?'}: ${stderr.trim().slice(-400)}` });
      }
    });
  });
}

/** Sums the log entries between two markers (exclusive), leaving the markers themselves out. */
function segment(
  log: RequestLogEntry[],
  from: string,
  to: string,
): { requests: number; bytes: number } {
  const start = log.findIndex((e) => e.path === `${MARK_PREFIX}/${from}`);
  const end = log.findIndex((e, i) => i > start && e.path === `${MARK_PREFIX}/${to}`);
  if (start < 0 || end < 0) return { requests: 0, bytes: 0 };
  const inside = log.slice(start + 1, end).filter((e) => !e.path.startsWith(MARK_PREFIX));
  return { requests: inside.length, bytes: inside.reduce((a, e) => a + e.bytes, 0) };
}

export async function runPython(
  url: string,
  serverUrl: string,
  groups: string[],
  log: () => RequestLogEntry[],
  cacheType: string,
  blockSize = 256 * 1024,
): Promise<PythonResult> {
  const out = await runScript([
    ...(cacheType ? ['--cache-type', cacheType] : []),
    '--url',
    url,
    '--groups',
    JSON.stringify(groups),
    '--attrs',
    JSON.stringify(TREE_ATTRS),
    '--block-size',
    String(blockSize),
    '--mark-base',
    `${serverUrl}${MARK_PREFIX}`,
  ]);
  const entries = log();
  const openCounts = segment(entries, 'open', groups.length > 0 ? 'expand-0' : 'end');
  const open: PhaseResult = { label: 'open + first tree', ...openCounts, ms: out.openMs ?? NaN };
  const expansions = groups.map((g, i): PhaseResult => ({
    label: g,
    ...segment(entries, `expand-${i}`, i + 1 < groups.length ? `expand-${i + 1}` : 'end'),
    ms: out.expandMs?.[i] ?? NaN,
  }));
  const total: PhaseResult = {
    label: 'total',
    requests: open.requests + expansions.reduce((a, e) => a + e.requests, 0),
    bytes: open.bytes + expansions.reduce((a, e) => a + e.bytes, 0),
    ms: out.totalMs ?? NaN,
  };
  return {
    label: `h5py ${out.cacheType ?? cacheType ?? 'default'}`,
    ok: out.ok,
    error: out.error,
    open,
    expansions,
    total,
    childCounts: out.childCounts ?? [],
    cacheType: out.cacheType ?? '?',
    versions: out.versions ?? {},
  };
}
