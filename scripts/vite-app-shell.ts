/**
 * Vite plugin: builds the app-shell service worker (src/offline/appShell.sw.ts) as `sw.js` at the
 * root of the app, and writes into it the list of files of this build and a version that changes
 * whenever one of them does (a new version is a new cache; the old one is deleted on activation).
 * Source maps are left out: the shell is what the app needs to run, not to be debugged.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Plugin } from 'vite';

const SW_FILE = 'sw.js';
/**
 * Files larger than this (DuckDB's 34 MB wasm, used only by the across-files view) are cached when
 * first used, not at install: a visitor who opens one file should not download them up front.
 */
const INSTALL_LIMIT_BYTES = 8 * 1024 * 1024;

export function appShellServiceWorker(options: { entry: string }): Plugin {
  return {
    name: 'app-shell-service-worker',
    apply: 'build',
    enforce: 'post',
    buildStart() {
      this.emitFile({ type: 'chunk', id: path.resolve(options.entry), fileName: SW_FILE });
    },
    generateBundle(_options, bundle) {
      const sw = bundle[SW_FILE];
      if (!sw || sw.type !== 'chunk') throw new Error('app-shell: sw.js was not built');
      if (sw.imports.length > 0 || sw.dynamicImports.length > 0) {
        // A classic service worker cannot import: the plan must be bundled into it.
        throw new Error(
          `app-shell: sw.js imports ${[...sw.imports, ...sw.dynamicImports].join(', ')}`,
        );
      }
      const files = Object.keys(bundle)
        .filter((name) => name !== SW_FILE && !name.endsWith('.map'))
        .sort();
      const hash = createHash('sha256');
      const onDemand: string[] = [];
      for (const name of files) {
        const item = bundle[name];
        const body = item.type === 'chunk' ? item.code : item.source;
        hash.update(name);
        hash.update(body);
        if (body.length > INSTALL_LIMIT_BYTES) onDemand.push(name);
      }
      const manifest = {
        version: hash.digest('hex').slice(0, 16),
        files: files.filter((name) => !onDemand.includes(name)),
        onDemand,
      };
      sw.code = `self.__APP_SHELL__ = ${JSON.stringify(manifest)};\n${sw.code}`;
    },
  };
}
