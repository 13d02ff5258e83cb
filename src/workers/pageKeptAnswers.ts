/**
 * A return visit's kept answers, read by the page itself as soon as a link names the file: the
 * same two IndexedDB records the loader reads (the identity the file's blocks are stored under,
 * and the answers kept for that version), without waiting for the fetcher worker to start, load
 * its script and be asked. The rule is the loader's (answerBook.ts `keptFoundIn`): answers are
 * used only when they were read from exactly the version whose blocks are kept.
 *
 * The loader still opens the file as before and checks it against the server in the background;
 * the client stops answering from these when the loader finds another version or finds the file
 * changed (createExplorerClient.ts).
 */
import type { SourceDescriptor, SourceIdentity } from '../bytes/ByteSource';
import { identityKeyForUrl } from '../bytes/urlKey';
import { readRememberedIdentity } from '../cache/IdbBlockStore';
import { mark } from '../perf/marks';
import { keptFoundIn, type KeptFound } from './answerBook';
import type { AnswerRecord } from './answerStore';
import { IdbAnswerStore } from './IdbAnswerStore';

/** The same two records, read by index.html's script before the app loaded, under their key. */
interface EarlyRecords {
  key: string;
  records: Promise<[SourceIdentity | undefined, AnswerRecord | undefined]>;
}

declare global {
  var __nwbeKeptRecords: EarlyRecords | undefined;
}

export async function readKeptAnswersOnPage(source: SourceDescriptor): Promise<KeptFound | null> {
  if (source.kind !== 'url' || typeof indexedDB === 'undefined') return null;
  const key = identityKeyForUrl(source.url);
  mark('page-kept:start');
  const early = globalThis.__nwbeKeptRecords;
  // A database that cannot be read costs only the head start: the loader's own path remains.
  const [identity, record] =
    early?.key === key
      ? await early.records
      : await Promise.all([
          readRememberedIdentity(key).catch(() => undefined),
          new IdbAnswerStore().get(key).catch(() => undefined),
        ]);
  mark('page-kept:end');
  // A size given in advance that disagrees: the file changed since (the loader forgets it).
  if (identity && source.size !== undefined && identity.size !== source.size) return null;
  return keptFoundIn(record, identity);
}
