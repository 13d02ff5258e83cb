/**
 * Builds the app at another git revision (the baseline of the browser benchmark) in a temporary
 * folder, so both builds are measured in the same run under the same load. It reuses this
 * checkout's node_modules when the revision's package-lock.json is the same as ours, and installs
 * its own otherwise (a baseline older than a dependency change cannot build with ours). Built once
 * per revision and kept in the temporary folder.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
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
    const lock = (root: string) => readFileSync(path.join(root, 'package-lock.json'), 'utf8');
    if (lock(dir) === lock(ROOT)) {
      symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    } else {
      log(`installing ${revision}'s own dependencies (its package-lock.json differs from ours)`);
      execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel', 'error'], {
        cwd: dir,
        stdio: 'inherit',
      });
    }
  }
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: dir, stdio: 'inherit' });
  return dist;
}
