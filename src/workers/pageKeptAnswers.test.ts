/**
 * The page's own read of kept answers (fake-indexeddb, the stores the loader writes in the
 * browser): it finds what the loader finds for the version whose blocks are kept, and nothing
 * for another version, a file without a validator, or a size given in advance that disagrees.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RangeServer } from '../../servers/range-server';
import type { SourceIdentity } from '../bytes/ByteSource';
import { patternBytes, serveDir, tempFiles } from '../bytes/testing/fixtures';
import { identityKeyForUrl } from '../bytes/urlKey';
import { IdbBlockStore } from '../cache/IdbBlockStore';
import type { FileSummary } from '../reader/contract';
import { answerKey } from '../reader/storedAnswers';
import { IdbAnswerStore } from './IdbAnswerStore';
import { LoaderService } from './loaderService';
import { readKeptAnswersOnPage } from './pageKeptAnswers';

const files = tempFiles('nwbx-page-kept-');
const SIZE = 200 * 1024;
let server: RangeServer;
beforeAll(async () => {
  server = await serveDir(files.dir);
});
afterAll(() => server.close());

const summary: FileSummary = { format: 'hdf5', name: 'f.nwb', size: SIZE };
const rootKey = answerKey('listChildren', ['/', { attrs: ['neurodata_type'] }])!;
const rootAnswer = [{ name: 'acquisition', path: '/acquisition', kind: 'group' }];

let count = 0;
const url = (name: string) => `${server.url}/${name}`;

async function until(ok: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 300 && !(await ok()); i++) await new Promise((r) => setTimeout(r, 10));
  expect(await ok()).toBe(true);
}

/** Stores as the page and the fetcher worker see them: the browser's default databases. */
async function keep(identity: SourceIdentity, kept: SourceIdentity = identity): Promise<void> {
  await new IdbBlockStore().rememberIdentity(identity);
  await new IdbAnswerStore().put({
    identity: kept,
    summary,
    entries: [[rootKey, rootAnswer]],
    bytes: 100,
  });
}

describe('kept answers read by the page', () => {
  it('finds what the loader finds after a first visit kept them', async () => {
    const name = `f${++count}.nwb`;
    files.write(name, patternBytes(SIZE, count), 1_600_000_000);
    const stores = () => ({
      persistent: new IdbBlockStore({ flushDelayMs: 0 }),
      answers: new IdbAnswerStore(),
    });
    const first = new LoaderService(stores());
    first.prepare('a', { kind: 'url', url: url(name) });
    expect(await first.keptSummary('a')).toBeNull();
    first.keepAnswers('a', [[rootKey, rootAnswer]], summary);
    await first.loader.flushWrites();
    first.close('a');
    await until(
      async () => (await readKeptAnswersOnPage({ kind: 'url', url: url(name) })) !== null,
    );

    const onPage = await readKeptAnswersOnPage({ kind: 'url', url: url(name) });
    const again = new LoaderService(stores());
    again.prepare('b', { kind: 'url', url: url(name) });
    const byLoader = await again.keptSummary('b');
    expect(byLoader).not.toBeNull();
    expect(onPage).toEqual(byLoader);
    expect(new Map(onPage?.entries).get(rootKey)).toEqual(rootAnswer);
    again.close('b');
  });

  it('finds nothing for another version, no validator, or a size that disagrees', async () => {
    const key = identityKeyForUrl(url(`g${++count}.nwb`));
    const identity: SourceIdentity = { key, size: SIZE, validator: 'etag:"1"' };
    const source = { kind: 'url' as const, url: key };

    await keep(identity);
    expect((await readKeptAnswersOnPage(source))?.summary).toEqual(summary);
    expect(await readKeptAnswersOnPage({ ...source, size: SIZE + 1 })).toBeNull();

    await keep(identity, { ...identity, validator: 'etag:"2"' });
    expect(await readKeptAnswersOnPage(source)).toBeNull();

    await keep({ key, size: SIZE, validator: null });
    expect(await readKeptAnswersOnPage(source)).toBeNull();

    expect(await readKeptAnswersOnPage({ kind: 'url', url: url('never-seen.nwb') })).toBeNull();
  });
});
