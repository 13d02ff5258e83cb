/**
 * Kept answers through the loader, against a real range server: found again for the same file
 * version, never for another one, dropped when the loader finds the file changed, cleared with
 * the cache.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RangeServer } from '../../servers/range-server';
import { patternBytes, serveDir, tempFiles } from '../bytes/testing/fixtures';
import { MemoryBlockStore } from '../cache/MemoryBlockStore';
import type { FileSummary } from '../reader/contract';
import { answerKey } from '../reader/storedAnswers';
import { MemoryAnswerStore } from './answerStore';
import { LoaderService } from './loaderService';

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
