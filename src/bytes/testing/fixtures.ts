/** Test fixtures shared by the byte-layer and cache tests: temp files and a range server. */
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { ExplorerError } from '../../errors';
import {
  startRangeServer,
  type RangeServer,
  type RangeServerOptions,
} from '../../../servers/range-server';

/** Deterministic, position-dependent bytes: a misplaced block never compares equal. */
export function patternBytes(size: number, seed = 0): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  let x = (seed * 2654435761 + 12345) >>> 0;
  for (let i = 0; i < size; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

export interface TempFiles {
  dir: string;
  /** Writes a file; `mtimeSec` forces a distinct mtime (so the ETag changes even within a second). */
  write(name: string, data: Uint8Array, mtimeSec?: number): string;
}

export function tempFiles(prefix = 'nwbx-test-'): TempFiles {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    dir,
    write(name, data, mtimeSec) {
      const file = path.join(dir, name);
      writeFileSync(file, data);
      if (mtimeSec !== undefined) utimesSync(file, mtimeSec, mtimeSec);
      return file;
    },
  };
}

export async function serveDir(dir: string, opts: RangeServerOptions = {}): Promise<RangeServer> {
  return startRangeServer({ root: dir, cors: 'full', ...opts });
}

/** Only the GET requests (the log also holds HEADs and preflights). */
export function gets(server: RangeServer, pathIncludes = '') {
  return server.stats.log.filter((e) => e.method === 'GET' && e.path.includes(pathIncludes));
}

/** Byte equality without vitest's element-by-element diffing, which is slow on megabytes. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0;
}

/** The ExplorerError code a promise rejects with (fails the test if it resolves). */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ExplorerError);
    return (e as ExplorerError).code;
  }
  throw new Error('expected a rejection');
}
