/**
 * Builds the app at another git revision (the baseline of the browser benchmark) in a temporary
 * folder, reusing this checkout's node_modules, so both builds are measured in the same run under
 * the same load. Built once per revision and kept in the temporary folder.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

export function buildRevision(revision: string, log: (...parts: unknown[]) => void): string {
  const commit = execFileSync('git', ['rev-parse', '--short=12', revision], { cwd: ROOT })
    .toString()
    .trim();
  const dir = path.join(os.tmpdir(), `nwbe-bench-build-${commit}`);
  const dist = path.join(dir, 'dist');
  if (existsSync(path.join(dist, 'index.html'))) return dist;
  log(`building ${revision} (${commit}) in ${dir}`);
  mkdirSync(dir, { recursive: true });
  execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C "${dir}"`], { cwd: ROOT });
  if (!existsSync(path.join(dir, 'node_modules'))) {
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  }
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: dir, stdio: 'inherit' });
  return dist;
}
