/**
 * Kept answers through the loader, against a real range server: found again for the same file
 * version, never for another one, dropped when the loader finds the file changed, cleared with
 * the cache. The page's own read of them (pageKeptAnswers.ts, over fake-indexeddb: the stores
 * the loader writes in the browser) finds what the loader finds, and nothing for another version.
 */
import 'fake-indexeddb/auto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RangeServer } from '../../servers/range-server';
import { patternBytes, serveDir, tempFiles } from '../bytes/testing/fixtures';
import type { SourceIdentity } from '../bytes/ByteSource';
import { identityKeyForUrl } from '../bytes/urlKey';
import { IdbBlockStore } from '../cache/IdbBlockStore';
import { MemoryBlockStore } from '../cache/MemoryBlockStore';
import type { FileSummary } from '../reader/contract';
import { answerKey } from '../reader/storedAnswers';
import { MemoryAnswerStore, type AnswerRecord } from './answerStore';
import { IdbAnswerStore } from './IdbAnswerStore';
import { LoaderService } from './loaderService';
import { readKeptAnswersOnPage } from './pageKeptAnswers';
import { TESTDATA } from '../testing/localFiles';

/** A real NWB file (pynwb) whose root the opening-blocks parser reads. */
const SMALL_NWB = path.join(
  TESTDATA,
  'neuroconv/ophys_testing_data/segmentation_datasets/nwb/nwb_test.nwb',
);

const files = tempFiles('nwbx-kept-');
const SIZE = 300 * 1024;
let server: RangeServer;
beforeAll(async () => {
  server = await serveDir(files.dir);
});
afterAll(() => server.close());

const summary: FileSummary = { format: 'hdf5', name: 'f.nwb', size: SIZE };
const rootKey = answerKey('listChildren', ['/', { attrs: ['neurodata_type'] }])!;
const rootAnswer = [{ name: 'acquisition', path: '/acquisition', kind: 'group' }];

let count = 0;
/** A new file on the server (its own name), as written at `mtimeSec`. */
function newFile(mtimeSec = 1_600_000_000): { name: string; url: string } {
  const name = `f${++count}.nwb`;
  files.write(name, patternBytes(SIZE, count), mtimeSec);
  return { name, url: `${server.url}/${name}` };
}

/** One page life: a loader over stores that outlive it. */
function visit(stores: { blocks: MemoryBlockStore; answers: MemoryAnswerStore }, url: string) {
  const service = new LoaderService({
    persistent: stores.blocks,
    answers: stores.answers,
    revalidateAfterMs: 100,
    clearPersistent: async () => stores.blocks.clear(),
  });
  const fileId = `id${++count}`;
  service.prepare(fileId, { kind: 'url', url });
  return { service, fileId };
}

/** A first visit that reads the root listing and keeps it. */
async function firstVisit(
  stores: { blocks: MemoryBlockStore; answers: MemoryAnswerStore },
  url: string,
) {
  const { service, fileId } = visit(stores, url);
  expect(await service.keptSummary(fileId)).toBeNull();
  service.keepAnswers(fileId, [[rootKey, rootAnswer]], summary);
  await service.loader.flushWrites();
  service.close(fileId);
  await until(() => stores.answers.records.size > 0);
}

async function until(ok: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await ok()); i++) await new Promise((r) => setTimeout(r, 10));
  expect(await ok()).toBe(true);
}

const stores = () => ({ blocks: new MemoryBlockStore(), answers: new MemoryAnswerStore() });

describe('kept answers', () => {
  it('answers a return visit of the same version, before any reader', async () => {
    const s = stores();
    const { url } = newFile();
    await firstVisit(s, url);
    const { service, fileId } = visit(s, url);
    const found = await service.keptSummary(fileId);
    expect(found?.summary).toEqual(summary);
    // The page gets the answers with the summary, to answer without asking per call.
    expect(new Map(found?.entries).get(rootKey)).toEqual(rootAnswer);
    expect(await service.keptAnswer(fileId, rootKey)).toEqual({ value: rootAnswer });
    expect(await service.keptAnswer(fileId, answerKey('getKind', ['/x'])!)).toBeUndefined();
  });

  it('never answers for another version of the file (another validator)', async () => {
    const s = stores();
    const { name, url } = newFile();
    await firstVisit(s, url);
    // Same size, new modification time: a new ETag. A new browser profile of blocks, so the
    // loader asks the server (the identity is not remembered).
    files.write(name, patternBytes(SIZE, 99), 1_700_000_000);
    const fresh = { blocks: new MemoryBlockStore(), answers: s.answers };
    const { service, fileId } = visit(fresh, url);
    expect(await service.keptSummary(fileId)).toBeNull();
    expect(await service.keptAnswer(fileId, rootKey)).toBeUndefined();
  });

  it('drops them when the loader finds the file changed', async () => {
    const s = stores();
    const { name, url } = newFile();
    await firstVisit(s, url);
    files.write(name, patternBytes(SIZE, 98), 1_700_000_000);
    // A warm reopen answers from what was read before (as its blocks do) until the check...
    const { service, fileId } = visit(s, url);
    expect((await service.keptSummary(fileId))?.summary).toEqual(summary);
    // ...which finds the new ETag: from then on nothing is handed out, and the record is gone.
    await until(async () => (await service.keptAnswer(fileId, rootKey)) === undefined);
    expect(s.answers.records.size).toBe(0);
    service.keepAnswers(fileId, [[rootKey, rootAnswer]], summary);
    await new Promise((r) => setTimeout(r, 700));
    expect(s.answers.records.size).toBe(0);
  });

  it('reads the root listing from the opening blocks on a first visit only', async () => {
    const s = stores();
    const name = `real${++count}.nwb`;
    files.write(name, readFileSync(SMALL_NWB), 1_600_000_000);
    const url = `${server.url}/${name}`;
    const attrs = ['neurodata_type'];
    // Asked beside keptSummary, as the client does: nothing kept, so the parser answers.
    const first = visit(s, url);
    const [none, listing] = await Promise.all([
      first.service.keptSummary(first.fileId),
      first.service.firstListing(first.fileId, attrs),
    ]);
    expect(none).toBeNull();
    expect(listing?.size).toBe(statSync(SMALL_NWB).size);
    const [key, children] = listing!.entries[0]!;
    expect(key).toBe(answerKey('listChildren', ['/', { attrs }]));
    expect((children as { name: string }[]).map((c) => c.name)).toContain('acquisition');
    first.service.keepAnswers(first.fileId, listing!.entries, summary);
    await first.service.loader.flushWrites();
    first.service.close(first.fileId);
    await until(() => s.answers.records.size > 0);
    // A return visit: the kept answers have it, so no parse and no listing.
    const again = visit(s, url);
    const [kept, parsed] = await Promise.all([
      again.service.keptSummary(again.fileId),
      again.service.firstListing(again.fileId, attrs),
    ]);
    expect(kept?.summary).toEqual(summary);
    expect(parsed).toBeNull();
  });

  it('clears them with the cache', async () => {
    const s = stores();
    const { url } = newFile();
    await firstVisit(s, url);
    const { service, fileId } = visit(s, url);
    expect(await service.keptAnswer(fileId, rootKey)).toEqual({ value: rootAnswer });
    await service.clearPersistentCache();
    expect(await service.keptAnswer(fileId, rootKey)).toBeUndefined();
    expect(s.answers.records.size).toBe(0);
  });
});

describe('kept answers read by the page', () => {
  /** The browser's default databases, as the page and the fetcher worker open them. */
  const idbStores = () => ({
    persistent: new IdbBlockStore({ flushDelayMs: 0 }),
    answers: new IdbAnswerStore(),
  });

  it('finds what the loader finds after a first visit kept them', async () => {
    const { url } = newFile();
    const first = new LoaderService(idbStores());
    first.prepare('a', { kind: 'url', url });
    expect(await first.keptSummary('a')).toBeNull();
    first.keepAnswers('a', [[rootKey, rootAnswer]], summary);
    await first.loader.flushWrites();
    first.close('a');
    await until(async () => (await readKeptAnswersOnPage({ kind: 'url', url })) !== null);

    const onPage = await readKeptAnswersOnPage({ kind: 'url', url });
    const again = new LoaderService(idbStores());
    again.prepare('b', { kind: 'url', url });
    const byLoader = await again.keptSummary('b');
    expect(byLoader).not.toBeNull();
    expect(onPage).toEqual(byLoader);
    expect(new Map(onPage?.entries).get(rootKey)).toEqual(rootAnswer);
    again.close('b');
  });

  it('finds nothing for another version, no validator, or a size that disagrees', async () => {
    const key = identityKeyForUrl(`${server.url}/never-served-${++count}.nwb`);
    const identity: SourceIdentity = { key, size: SIZE, validator: 'etag:"1"' };
    const source = { kind: 'url' as const, url: key };
    const keep = async (blocksUnder: SourceIdentity, answersOf: SourceIdentity) => {
      await new IdbBlockStore().rememberIdentity(blocksUnder);
      await new IdbAnswerStore().put({
        identity: answersOf,
        summary,
        entries: [[rootKey, rootAnswer]],
        bytes: 100,
      });
    };

    await keep(identity, identity);
    expect((await readKeptAnswersOnPage(source))?.summary).toEqual(summary);
    expect(await readKeptAnswersOnPage({ ...source, size: SIZE + 1 })).toBeNull();

    await keep(identity, { ...identity, validator: 'etag:"2"' });
    expect(await readKeptAnswersOnPage(source)).toBeNull();

    const noValidator = { ...identity, validator: null };
    await keep(noValidator, noValidator);
    expect(await readKeptAnswersOnPage(source)).toBeNull();

    expect(await readKeptAnswersOnPage({ kind: 'url', url: `${key}-other` })).toBeNull();
  });

  it('uses the records index.html read for the same key, under the same rule', async () => {
    const key = identityKeyForUrl(`${server.url}/read-early-${++count}.nwb`);
    const identity: SourceIdentity = { key, size: SIZE, validator: 'etag:"1"' };
    const record: AnswerRecord = {
      identity,
      summary,
      entries: [[rootKey, rootAnswer]],
      bytes: 100,
    };
    const source = { kind: 'url' as const, url: key };
    try {
      // Nothing is in the databases for this key: whatever is found came from the early read.
      globalThis.__nwbeKeptRecords = { key, records: Promise.resolve([identity, record]) };
      expect((await readKeptAnswersOnPage(source))?.summary).toEqual(summary);
      const other = { ...record, identity: { ...identity, validator: 'etag:"2"' } };
      globalThis.__nwbeKeptRecords = { key, records: Promise.resolve([identity, other]) };
      expect(await readKeptAnswersOnPage(source)).toBeNull();
      // Read for another key: not used.
      globalThis.__nwbeKeptRecords = {
        key: `${key}-other`,
        records: Promise.resolve([identity, record]),
      };
      expect(await readKeptAnswersOnPage(source)).toBeNull();
    } finally {
      globalThis.__nwbeKeptRecords = undefined;
    }
  });
});
