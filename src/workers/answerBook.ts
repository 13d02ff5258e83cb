/**
 * The loader's side of kept answers (reader/storedAnswers.ts): per open file, the answers kept for
 * the exact version the loader reads (its identity), found before h5wasm is ready and handed out
 * one call at a time; new answers the real reader gives are added and written back.
 *
 * The version check is the block cache's: a record is used only if its identity (key, size,
 * validator) is the one the loader opened the file under, so answers and blocks always come from
 * the same version. When the loader finds the file changed it forgets the key (BlockLoader's
 * `persistent.forget`), which drops the answers here too: from then on none is handed out. Files
 * the server gives no validator for are not kept (a change of the same size could not be told).
 */
import type { SourceIdentity } from '../bytes/ByteSource';
import { identityKeyOf } from '../cache/storeKeys';
import type { FileSummary } from '../reader/contract';
import { AnswerSet } from '../reader/storedAnswers';
import type { AnswerRecord, AnswerStore } from './answerStore';

/** Answers found for the version of a file the loader reads: its summary and version. */
export interface KeptFound {
  summary: FileSummary;
  /** identityKeyOf the version. */
  version: string;
  /**
   * The kept answers themselves (at most MAX_FILE_ANSWER_BYTES), handed over in this one
   * message: the page answers from them without a round trip to this worker per call, which
   * may be busy serving the reading worker's blocks just then.
   */
  entries: [string, unknown][];
}

/**
 * The record's answers were read from exactly this version of the file (files without a
 * validator are never kept: a change of the same size could not be told).
 */
export function isRecordOf(record: AnswerRecord, version: SourceIdentity): boolean {
  return !!version.validator && identityKeyOf(record.identity) === identityKeyOf(version);
}

/** What a stored record gives a file opened under `version`: its answers, if they are its own. */
export function keptFoundIn(
  record: AnswerRecord | undefined,
  version: SourceIdentity | undefined,
): KeptFound | null {
  if (!record || !version || !isRecordOf(record, version) || record.entries.length === 0) {
    return null;
  }
  return { summary: record.summary, version: identityKeyOf(version), entries: record.entries };
}

interface FileAnswers {
  key: string;
  /** Resolves to the version's answers, or null when none can be kept. */
  ready: Promise<Kept | null>;
}

interface Kept {
  identity: SourceIdentity;
  answers: AnswerSet;
  /** Set from the record, or from the real reader's open on a first visit. */
  summary: FileSummary | null;
  /** Answers came from the store (a return visit). */
  found: boolean;
  /** Dropped: the file changed (or the cache was cleared); nothing more is handed out or kept. */
  dropped: boolean;
  timer: ReturnType<typeof setTimeout> | null;
}

export class AnswerBook {
  private readonly files = new Map<string, FileAnswers>();

  constructor(
    private readonly store: AnswerStore | null,
    private readonly writeDelayMs = 500,
  ) {}

  /**
   * Starts finding the answers of a file being opened under `fileId`: the stored record of its
   * key is read while the loader learns the identity (IndexedDB or the network), then checked.
   */
  open(fileId: string, key: string, identity: Promise<SourceIdentity>): void {
    const store = this.store;
    if (!store) return;
    const record = store.get(key).catch(() => undefined);
    const ready = identity.then(
      async (version): Promise<Kept | null> => {
        if (!version.validator) return null;
        const stored = await record;
        const same = stored && isRecordOf(stored, version);
        return {
          identity: version,
          answers: new AnswerSet(same ? stored.entries : []),
          summary: same ? stored.summary : null,
          found: !!same && stored.entries.length > 0,
          dropped: false,
          timer: null,
        };
      },
      () => null,
    );
    this.files.set(fileId, { key, ready });
  }

  /** The file's summary and version when answers were found for it (a return visit), else null. */
  async found(fileId: string): Promise<KeptFound | null> {
    const kept = await this.files.get(fileId)?.ready;
    if (!kept?.found || kept.dropped || !kept.summary) return null;
    return {
      summary: kept.summary,
      version: identityKeyOf(kept.identity),
      entries: kept.answers.entries(),
    };
  }

  async answer(fileId: string, key: string): Promise<{ value: unknown } | undefined> {
    const kept = await this.files.get(fileId)?.ready;
    return kept && !kept.dropped ? kept.answers.get(key) : undefined;
  }

  /**
   * Adds answers the real reader gave, for the version the loader reads now (`identity`: a first
   * visit may learn the validator after opening). Written back after a short quiet time.
   */
  async keep(
    fileId: string,
    identity: SourceIdentity | undefined,
    entries: [string, unknown][],
    summary?: FileSummary,
  ): Promise<void> {
    const kept = await this.files.get(fileId)?.ready;
    if (!kept || kept.dropped || !identity?.validator) return;
    if (identityKeyOf(identity) !== identityKeyOf(kept.identity)) {
      kept.identity = identity;
      kept.answers = new AnswerSet();
    }
    if (summary) kept.summary = summary;
    let added = !!summary;
    for (const [key, value] of entries) added = kept.answers.add(key, value) || added;
    if (added) this.scheduleWrite(kept);
  }

  /** The file changed on the server: its answers go, here and in the store. */
  async forget(key: string): Promise<void> {
    for (const file of this.files.values()) {
      if (file.key !== key) continue;
      const kept = await file.ready;
      if (kept) this.drop(kept);
    }
    await this.store?.forget(key).catch(() => undefined);
  }

  async clear(): Promise<void> {
    const all = await Promise.all([...this.files.values()].map((f) => f.ready));
    for (const kept of all) if (kept) this.drop(kept);
    await this.store?.clear();
  }

  /** Writes what is pending for the file now and forgets it. */
  async close(fileId: string): Promise<void> {
    const file = this.files.get(fileId);
    this.files.delete(fileId);
    const kept = await file?.ready;
    if (kept?.timer) {
      clearTimeout(kept.timer);
      kept.timer = null;
      await this.write(kept);
    }
  }

  private drop(kept: Kept): void {
    kept.dropped = true;
    if (kept.timer) clearTimeout(kept.timer);
    kept.timer = null;
  }

  private scheduleWrite(kept: Kept): void {
    if (kept.timer) clearTimeout(kept.timer);
    kept.timer = setTimeout(() => {
      kept.timer = null;
      void this.write(kept);
    }, this.writeDelayMs);
    // In Node (tests) a pending write must not keep the process alive.
    (kept.timer as { unref?: () => void }).unref?.();
  }

  private async write(kept: Kept): Promise<void> {
    if (kept.dropped || !kept.summary || kept.answers.size === 0) return;
    // A full or closed database only costs the next visit its head start.
    await this.store
      ?.put({
        identity: kept.identity,
        summary: kept.summary,
        entries: kept.answers.entries(),
        bytes: kept.answers.bytes,
      })
      .catch(() => undefined);
  }
}
