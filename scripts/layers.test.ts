/**
 * The layer rules in eslint.config.js refuse what the architecture forbids and let through what
 * it allows. Each case lints one import line as if it sat in a file of the named folder.
 */
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function refused(file: string, line: string): Promise<boolean> {
  const [result] = await eslint.lintText(`${line}\nexport {};\n`, {
    filePath: path.join(root, file),
  });
  return result.messages.some((m) => m.ruleId === '@typescript-eslint/no-restricted-imports');
}

describe('layer rules', () => {
  it.each([
    ['src/nwb/x.ts', "import { a } from '../ui/format/bytes';"],
    ['src/nwb/x.ts', "import type { A } from '../bytes/ByteSource';"],
    ['src/bytes/x.ts', "import { a } from '../cache/BlockLoader';"],
    ['src/bytes/x.ts', "import { a } from '../hdf5/paths';"],
    ['src/cache/x.ts', "import { a } from '../hdf5/paths';"],
    ['src/reader/x.ts', "import { a } from '../nwb/unwrap';"],
    ['src/ui/info/x.ts', "import { a } from '../../app/App';"],
    ['src/ui/info/x.ts', "import type { A } from '../../workers/ExplorerClient';"],
    ['src/ui/info/x.ts', "import { a } from '../../bytes/createSource';"],
    ['src/ui/info/x.ts', "import { a } from 'h5wasm';"],
    ['src/links/x.ts', "import { a } from '../bytes/createSource';"],
    ['src/links/x.ts', "import { a } from '../ui/format/bytes';"],
    ['src/sql/x.ts', "import { a } from '../ui/format/bytes';"],
    ['src/sql/x.ts', "import { a } from '../workers/readerHost';"],
    ['src/offline/x.ts', "import { a } from '../bytes/createSource';"],
  ])('refuses, in %s: %s', async (file, line) => {
    expect(await refused(file, line)).toBe(true);
  });

  it.each([
    ['src/ui/info/x.ts', "import { a } from '../../nwb/unwrap';"],
    ['src/ui/across/x.ts', "import { a } from '../../sql/sqlSession';"],
    ['src/sql/x.ts', "import { a } from '../nwb/across';"],
    ['src/ui/info/x.ts', "import { a } from '../../links/urlState';"],
    ['src/ui/info/x.ts', "import { a } from '../format/bytes';"],
    ['src/ui/clientTypes.ts', "import type { A } from '../workers/ExplorerClient';"],
    ['src/links/x.ts', "import type { A } from '../bytes/ByteSource';"],
    ['src/hdf5/x.ts', "import { a } from '../cache/BlockLoader';"],
    ['src/app/x.ts', "import { a } from '../workers/createExplorerClient';"],
  ])('allows, in %s: %s', async (file, line) => {
    expect(await refused(file, line)).toBe(false);
  });
});
