/**
 * The HDF5 backend of the reading contract: h5wasm over a lazily read file.
 *
 * Every h5wasm call goes through `run`, which knows the two bridge modes: in retry-on-miss mode
 * a call that hit a missing block is run again once the block is loaded; in shared-memory mode
 * it simply completes. Errors are classified from HDF5's own diagnostics.
 */
import type { Attribute, Dataset, Entity, File as H5File, Group } from 'h5wasm';
import type { SourceDescriptor, SourceIdentity } from '../bytes/ByteSource';
import { ExplorerError, asExplorerError } from '../errors';
import {
  type AttributeInfo,
  type ChildEntry,
  type DataReader,
  type DatasetInfo,
  type FileSummary,
  type LinkInfo,
  type MinMaxEnvelope,
  type MinMaxOptions,
  type MinMaxRequest,
  type ReadOptions,
  type Selection,
  type SliceRequest,
  type SliceResult,
  type Value,
} from '../reader/contract';
import { cancelledError, raceAbort } from '../bytes/abort';
import { computeMinMaxEnvelope } from '../reader/minMaxEnvelope';
import { checkReadSize, checkSelection } from '../reader/checkSelection';
import { describeDtype } from './dtype';
import type { LoadedH5wasm } from './h5wasmModule';
import { openingHeadAndTail } from './openingBlocks';
import { FileMounts } from './fileMounts';
import { markSpan } from '../perf/marks';
import { joinPath } from './paths';
import { runBridged, type BridgedContext } from './runBridged';
import { FileBytes, isBlockMiss } from './fileBytes';
import { prefetchMetadata } from './metadataPrefetch';
import { CachedBlocks } from './layout/cachedBlocks';
import { endOfFileAddress, rootHeaderAddress } from './layout/superblock';
import { ReferenceResolver } from './references';
import { crossesExternalLink } from './externalLinks';
import { CleanMemo } from './cleanMemo';
import { ChunkWalk, type ChunkExtent } from './chunkPlan';
import { datasetStorageSize, headerAddress } from './storageSize';
import { readValue, type ResolveReference } from './values';

export type Hdf5ReaderContext = BridgedContext;

/** Rounds of gathering blocks for readSlices: deeper chunk indexes than this finish one by one. */
const MAX_PLANNING_ROUNDS = 8;
/** Chunks fetched ahead of one readSlices call at most; past this HDF5 fetches them as it reads. */
const MAX_PREFETCH_BYTES = 64 * 1024 * 1024;

export interface Hdf5OpenRequest {
  fileId: string;
  identity: SourceIdentity;
  descriptor: SourceDescriptor;
  displayName: string;
  /** Read metadata ahead of h5wasm (metadataPrefetch.ts); off only to measure what it saves. */
  prefetchMetadata?: boolean;
  /** Return only once HDF5 has opened the file, as before (only to measure what it saves). */
  awaitOpen?: boolean;
}

export class Hdf5Reader implements DataReader {
  private file!: H5File;
  /**
   * Settles when h5wasm has opened the file: every h5wasm call waits for it, the metadata
   * prefetches do not (see open).
   */
  private opened: Promise<void> = Promise.resolve();
  private readonly mounts: FileMounts;
  private readonly references: ReferenceResolver;
  private readonly bytes: FileBytes;
  /** Metadata prefetches by path, shared by the calls that need the same object. */
  private readonly prefetches = new Map<string, Promise<void>>();
  /**
   * Which path prefixes are external links, asked of HDF5 once per file: every attribute,
   * slice and dataset description checks the prefixes of its path (cleanMemo.ts says why only
   * clean attempts are remembered).
   */
  private readonly externalPrefixes = new CleanMemo<boolean>();
  /**
   * The objects found at paths (a dataset with its metadata read), so that describing a
   * dataset and then reading it looks it up once. Same rule as above.
   */
  private readonly objects = new CleanMemo<Entity | null>();

  private constructor(
    private readonly context: Hdf5ReaderContext,
    private readonly request: Hdf5OpenRequest,
  ) {
    this.mounts = new FileMounts(context, request);
    this.bytes = new FileBytes(context.blockReader.readerFor(request.fileId));
    this.references = new ReferenceResolver(() => this.file, this.bytes);
  }

  static async open(
    context: Hdf5ReaderContext,
    request: Hdf5OpenRequest,
    options?: ReadOptions,
  ): Promise<Hdf5Reader> {
    const reader = new Hdf5Reader(context, request);
    const signal = options?.signal;
    const mainPath = reader.mounts.mountMain(request.displayName, request.identity.size);
    const { head, tail } = openingHeadAndTail(request.identity.size);
    await markSpan('opening-blocks', () =>
      reader.run(() => context.blockReader.ensure(request.fileId, head), signal),
    );
    // The tail comes a little after the head (asked for when the probe showed the size); HDF5
    // starts on the head. In retry-on-miss mode the tail is made resident as it arrives, so a
    // call that needs it is not run twice; in shared-memory mode ensuring it here would block
    // the thread until then, and a read that needs it waits for the same in-flight request.
    if (context.bridge.mode === 'retry-on-miss') {
      const ensureTail = () => context.blockReader.ensure(request.fileId, tail);
      void runBridged(context, ensureTail, signal).catch(() => undefined);
    }
    // The first tree lists the root next: its children's headers load while HDF5 opens.
    void reader.prefetch('/');
    const opening = markSpan('h5-open', () =>
      runBridged(
        context,
        () => {
          const file = new context.h5.h5wasm.File(mainPath, 'r');
          // h5wasm reports a failed open as a negative id rather than an exception.
          if (file.file_id < 0n) {
            throw new ExplorerError('internal', 'HDF5 could not open the file.');
          }
          return file;
        },
        signal,
      ),
    ).then((file) => {
      reader.file = file;
    });
    const early = context.bridge.mode === 'retry-on-miss' && !request.awaitOpen;
    if (!early || !reader.looksWhole()) {
      await opening; // h5wasm says what is wrong with the file, as the open's own error
      return reader;
    }
    // HDF5 reads the whole root object header before the open returns, and its continuation
    // blocks come one round trip each (each address is in the block before). With the
    // superblock in hand the reader is returned now: the first calls' metadata prefetches find
    // their way from the superblock's cached root symbol table and load in those rounds, and
    // only their h5wasm parts wait for the open. (In shared-memory mode h5wasm blocks the
    // thread until the chain is read: nothing could overlap it, so the open is awaited.)
    opening.catch(() => undefined);
    reader.opened = opening;
    return reader;
  }

  async summary(): Promise<FileSummary> {
    return { format: 'hdf5', name: this.request.displayName, size: this.request.identity.size };
  }

  async listChildren(
    path: string,
    options?: { attrs?: string[] } & ReadOptions,
  ): Promise<ChildEntry[]> {
    await this.prefetch(path, options?.signal);
    return this.run(() => {
      const group = this.requireGroup(path);
      return group.keys().map((name) => this.describeChild(joinPath(path, name), name, options));
    }, options?.signal);
  }

  async getAttributes(path: string, options?: ReadOptions): Promise<AttributeInfo[]> {
    await this.prefetch(path, options?.signal);
    return this.run(() => {
      const entity = this.requireObject(path);
      return Object.values(entity.attrs).map((attribute) => {
        const meta = attribute.metadata;
        try {
          return {
            name: attribute.name,
            shape: attribute.shape,
            dtype: describeDtype(meta),
            value: this.attributeValue(attribute),
          };
        } catch (error) {
          return {
            name: attribute.name,
            shape: attribute.shape,
            dtype: describeDtype(meta),
            value: null,
            error: `Could not read this attribute: ${asExplorerError(error).message}`,
          };
        }
      });
    }, options?.signal);
  }

  getKind(path: string, options?: ReadOptions): Promise<'group' | 'dataset' | 'datatype' | null> {
    return this.run(() => kindOf(this.entity(path)), options?.signal);
  }

  describeDataset(path: string, options?: ReadOptions): Promise<DatasetInfo> {
    return this.run(() => {
      const dataset = this.requireDataset(path);
      const meta = dataset.metadata;
      const shape = meta.shape;
      const elementCount = shape === null ? 0 : shape.reduce((a, b) => a * b, 1);
      const filters = dataset.filters.map((f) => ({ id: f.id, name: f.name }));
      const memoryBytes = elementCount * meta.size;
      const local = !this.crossesExternalLink(path);
      const storedBytes = datasetStorageSize(this.bytes, dataset, shape ?? [], local);
      return {
        path,
        shape,
        // HDF5 reports an unlimited dimension as 2^64 - 1.
        maxshape: meta.maxshape?.map((n) => (n >= Number.MAX_SAFE_INTEGER ? null : n)) ?? null,
        dtype: describeDtype(meta),
        chunks: meta.chunks,
        filters,
        storedBytes,
        memoryBytes,
        elementCount,
      };
    }, options?.signal);
  }

  async readSlice(path: string, selection: Selection, options?: ReadOptions): Promise<SliceResult> {
    // Through readSlices, so the chunks of a chunked slice are fetched together.
    return (await this.readSlices([{ path, selection }], options))[0];
  }

  /**
   * Many slices, their blocks gathered first. Each round advances every slice not yet read with
   * the block reader in probe mode (a miss is noted, not fetched), then loads every noted block
   * in one batch. A chunked slice first walks its chunk index (chunkPlan.ts) a level per round
   * and touches all the chunks it overlaps, so they arrive together: HDF5 alone would miss them
   * one at a time, a round trip each. Slices sharing an index share its rounds. Whatever still
   * fails after the rounds is read the ordinary way, which names its error.
   */
  async readSlices(requests: SliceRequest[], options?: ReadOptions): Promise<SliceResult[]> {
    const signal = options?.signal;
    await raceAbort(this.opened, signal); // the planning rounds call h5wasm outside run
    const { h5, blockReader } = this.context;
    const results: (SliceResult | undefined)[] = requests.map(() => undefined);
    const plans: ChunkPlanState[] = requests.map(() => ({ walk: 'start' }));
    const budget = { bytes: MAX_PREFETCH_BYTES };
    for (let round = 0; round < MAX_PLANNING_ROUNDS; round++) {
      if (signal?.aborted) throw cancelledError();
      const missing = new Map<string, Set<number>>();
      /** Runs fn in probe mode; its misses join the round's. */
      const probing = <T>(fn: () => T) => {
        const noted = new Map<string, Set<number>>();
        const memoized = this.memoized(fn);
        blockReader.probe = noted;
        try {
          return { ...h5.captureDiagnostics(memoized.attempt), missed: noted.size > 0 };
        } finally {
          blockReader.probe = null;
          if (noted.size === 0) memoized.keep();
          mergeNoted(missing, noted);
        }
      };
      requests.forEach((request, i) => {
        if (results[i]) return;
        if (!this.advanceChunkPlan(request, plans[i], budget, probing)) return;
        const { dataset } = plans[i];
        const outcome = probing(() => this.sliceNow(request.path, request.selection, dataset));
        // A read that missed may still "succeed" with holes: only a clean read counts.
        if (!outcome.missed && 'result' in outcome && !outcome.error) {
          results[i] = outcome.result;
        }
      });
      if (missing.size === 0) break; // every slice was tried: read, or failed for good
      await this.run(() => {
        for (const [fileId, indices] of missing) blockReader.ensure(fileId, [...indices]);
      }, signal);
    }
    const out: SliceResult[] = [];
    for (const [i, request] of requests.entries()) {
      out.push(
        results[i] ??
          (await this.run(() => this.sliceNow(request.path, request.selection), signal)),
      );
    }
    return out;
  }

  /**
   * One round of a slice's chunk plan; true when the slice is ready to be read (its chunks
   * touched, or no plan for it). A prefetch: a layout or index not read here, or chunks past
   * the call's budget, are left to HDF5's own reads, which check every byte anyway.
   */
  private advanceChunkPlan(
    request: SliceRequest,
    plan: ChunkPlanState,
    budget: { bytes: number },
    probing: <T>(fn: () => T) => { result?: T; error?: unknown; missed: boolean },
  ): boolean {
    if (plan.walk === 'start') {
      const started = probing(() => this.startChunkWalk(request, plan));
      if (started.missed) {
        plan.dataset = undefined; // a miss on the way to the index: next round, from the start
        return false;
      }
      const result = started.error === undefined ? started.result : null;
      if (result instanceof ChunkWalk) plan.walk = result;
      else {
        plan.walk = 'done';
        plan.chunks = result?.chunks ?? [];
      }
    }
    const walk = plan.walk;
    if (walk instanceof ChunkWalk) {
      probing(() => {
        while (!walk.done && walk.step(isBlockMiss) === 0);
      });
      if (!walk.done) return false;
      plan.walk = 'done';
      plan.chunks = walk.chunks;
    }
    if (plan.chunks) {
      const chunks = plan.chunks;
      plan.chunks = undefined;
      const bytes = chunks.reduce((sum, c) => sum + c.size, 0);
      if (bytes > budget.bytes) return true;
      budget.bytes -= bytes;
      // Touching the chunks' bytes in probe mode notes every block they need.
      let missed = false;
      for (const chunk of chunks) {
        missed = probing(() => this.bytes.at(chunk.address, chunk.size)).missed || missed;
      }
      return !missed;
    }
    return true;
  }

  /**
   * The chunk walk of a slice, null when its dataset is not chunked here or not readable. The
   * dataset (its metadata read) is kept on the plan for the slice's read.
   */
  private startChunkWalk(
    request: SliceRequest,
    plan: ChunkPlanState,
  ): ReturnType<typeof ChunkWalk.start> {
    if (this.crossesExternalLink(request.path)) return null;
    const dataset = this.requireDataset(request.path);
    const meta = dataset.metadata;
    plan.dataset = dataset;
    if (!meta.chunks || !meta.shape) return null;
    return ChunkWalk.start(this.bytes, headerAddress(dataset), meta.shape, request.selection);
  }

  /**
   * One hyperslab, read synchronously (inside `run` or a planning round), of `dataset` when the
   * planning round has it already.
   */
  private sliceNow(
    path: string,
    selection: Selection,
    dataset: Dataset = this.requireDataset(path),
  ): SliceResult {
    const meta = dataset.metadata;
    const resolve = this.resolverFor(path);
    const shape = meta.shape ?? [];
    if (shape.length === 0) {
      return { shape: [], values: [readValue(dataset.value, meta, true, resolve)] };
    }
    const ranges = checkSelection(path, shape, selection);
    const { outShape, count } = checkReadSize(ranges, meta.size);
    if (count === 0) return { shape: outShape, values: [] };
    const values = readValue(dataset.slice(ranges), meta, false, resolve);
    return {
      shape: outShape,
      values: Array.isArray(values) || ArrayBuffer.isView(values) ? values : [values],
    };
  }

  reduceMinMax(
    path: string,
    request: MinMaxRequest,
    options?: MinMaxOptions,
  ): Promise<MinMaxEnvelope> {
    return computeMinMaxEnvelope(this, path, request, options);
  }

  async close(): Promise<void> {
    try {
      await this.opened;
      this.file.close();
    } catch {
      // Closing a file whose reads failed can fail too; the handle is gone either way.
    }
  }

  /**
   * Loads, in few rounds, the metadata h5wasm will read for the object at `path` and its
   * children (metadataPrefetch.ts). Never fails: a prefetch that could not help leaves h5wasm to
   * read the ordinary way; one that was cancelled is forgotten so that a later call tries again.
   */
  private prefetch(path: string, signal?: AbortSignal): Promise<void> {
    if (this.request.prefetchMetadata === false) return Promise.resolve();
    const known = this.prefetches.get(path);
    if (known) return known;
    // Nothing to fetch ahead when every block is in memory (a small file after its open): the
    // planner would only parse the headers HDF5 is about to parse anyway.
    if (this.wholeFileInMemory()) return Promise.resolve();
    const target = {
      fileId: this.request.fileId,
      size: this.request.identity.size,
      blockSize: this.context.blockReader.blockSize,
    };
    // Paths through external links stop at the link: the planner reads this file's bytes only.
    const started = prefetchMetadata(this.context, target, path, signal).then(
      () => undefined,
      () => void this.prefetches.delete(path),
    );
    this.prefetches.set(path, started);
    return started;
  }

  /** Every block of this file is in memory; stops at the first that is not (at once, mostly). */
  private wholeFileInMemory(): boolean {
    const { blockReader } = this.context;
    const blocks = Math.ceil(this.request.identity.size / blockReader.blockSize);
    for (let index = 0; index < blocks; index++) {
      if (!blockReader.cached(this.request.fileId, index)) return false;
    }
    return true;
  }

  /** Runs one h5wasm call to completion for one reader call (see runBridged), once open. */
  private async run<T>(fn: () => T, signal?: AbortSignal): Promise<T> {
    await raceAbort(this.opened, signal);
    const memoized = this.memoized(fn);
    const result = await runBridged(this.context, memoized.attempt, signal);
    // runBridged returns only after an attempt that missed no block: what it learnt holds.
    memoized.keep();
    return result;
  }

  /** fn as one h5wasm attempt whose answers the memos stage; `keep` keeps the last attempt's. */
  private memoized<T>(fn: () => T): { attempt: () => T; keep: () => void } {
    let prefixes = new Map<string, boolean>();
    let objects = new Map<string, Entity | null>();
    return {
      attempt: () => {
        prefixes = new Map();
        objects = new Map();
        return this.externalPrefixes.within(prefixes, () => this.objects.within(objects, fn));
      },
      keep: () => {
        this.externalPrefixes.keep(prefixes);
        this.objects.keep(objects);
      },
    };
  }

  private crossesExternalLink(path: string): boolean {
    return crossesExternalLink(this.file, path, this.externalPrefixes);
  }

  /**
   * Our parser finds in the opening blocks a superblock whose root header and end of file lie
   * within the file: an open that fails past this is rare, and its error comes with the first
   * call instead of the open.
   */
  private looksWhole(): boolean {
    const { fileId, identity } = this.request;
    const { blockReader } = this.context;
    const blocks = new CachedBlocks(
      (index) => blockReader.cached(fileId, index),
      blockReader.blockSize,
      identity.size,
    );
    try {
      const file = new FileBytes(blocks.readAt);
      const { base } = file.geometry();
      const root = rootHeaderAddress(file);
      const end = endOfFileAddress(file);
      return root !== null && end !== null && base + end <= identity.size && root < end;
    } catch {
      return false;
    }
  }

  /** An attribute's value; h5wasm reads attributes whole, scalars as one element. */
  private attributeValue(attribute: Attribute): Value {
    const scalar = attribute.shape !== null && attribute.shape.length === 0;
    return readValue(attribute.value, attribute.metadata, scalar, this.resolverFor(attribute.path));
  }

  /** How references read at `path` are resolved: selections only from this file's own bytes. */
  private resolverFor(path: string): ResolveReference {
    return this.crossesExternalLink(path) ? this.references.elsewhere : this.references.resolve;
  }

  private describeChild(
    path: string,
    name: string,
    options: { attrs?: string[] } | undefined,
  ): ChildEntry {
    const { h5 } = this.context;
    const module = h5.module;
    // Link kinds come from the link itself: once an external file is mounted, HDF5 follows the
    // link silently and get_type alone would report a plain group.
    const external = this.file.get_external_link(path) as { filename?: string; obj_path?: string };
    this.externalPrefixes.learn(path, !!external.filename);
    const softTarget = external.filename ? null : this.file.get_link(path);
    let type = this.file.get_type(path);
    let link: LinkInfo | undefined;
    let kind: ChildEntry['kind'];

    if (external.filename) {
      const problem = this.mounts.mountLinkTarget(external.filename);
      if (!problem) type = this.file.get_type(path);
      const followed = type !== module.H5G_UDLINK && typeName(type, module) !== undefined;
      link = {
        target: external.obj_path ?? '/',
        file: external.filename,
        resolved: followed,
        ...(followed ? { targetKind: typeName(type, module) } : {}),
        ...(!followed ? { problem: problem ?? 'The linked file has no such object.' } : {}),
      };
      kind = 'external-link';
    } else if (type === module.H5G_LINK) {
      kind = 'broken-link';
      link = { target: softTarget ?? '', resolved: false, problem: 'Nothing at the target path.' };
    } else if (softTarget) {
      kind = 'soft-link';
      link = { target: softTarget, resolved: true, targetKind: typeName(type, module) };
    } else {
      kind = typeName(type, module) ?? 'dataset';
    }

    const entry: ChildEntry = { name, path, kind, ...(link ? { link } : {}) };
    const wanted = options?.attrs;
    const resolvedKind = link ? link.targetKind : kind;
    if (wanted?.length && (resolvedKind === 'group' || resolvedKind === 'dataset')) {
      entry.attrs = this.projectAttributes(path, resolvedKind, wanted);
    }
    return entry;
  }

  private projectAttributes(
    path: string,
    kind: 'group' | 'dataset',
    names: string[],
  ): Record<string, Value> {
    // The kind is known from the listing: no second lookup of the object (file.get) per child.
    const { Group, Dataset } = this.context.h5.h5wasm;
    const fileId = this.file.file_id;
    const entity = kind === 'group' ? new Group(fileId, path) : new Dataset(fileId, path);
    const out: Record<string, Value> = {};
    const attrs = entity.attrs; // the names; each attribute is read only when its getter is used
    for (const name of names) {
      if (!Object.hasOwn(attrs, name)) continue;
      try {
        // Projected attributes are mostly strings (types, descriptions), and readValue returns
        // a string or a list of strings as h5wasm gives them: those are read in one h5wasm
        // call, which reads the attribute's metadata once (an Attribute object reads it again).
        const raw: unknown = entity.get_attribute(name, false);
        out[name] = isStringOrStrings(raw) ? raw : this.attributeValue(attrs[name]);
      } catch {
        // An unreadable projected attribute is left out; getAttributes reports it in full.
      }
    }
    return out;
  }

  /**
   * The object at a path, following external links on the way: a deep link may name a path
   * inside a linked file before any listing has mounted that file. Found once per file (what
   * is not found is looked up again).
   */
  private entity(path: string): Entity | null {
    return this.objects.get(path, () => this.lookUp(path), readMetadata);
  }

  private lookUp(path: string): Entity | null {
    const found = this.file.get(path);
    if (kindOf(found) !== null) return found;
    let mountedAny = false;
    const parts = path.split('/').filter(Boolean);
    for (let depth = 1; depth <= parts.length; depth++) {
      const prefix = '/' + parts.slice(0, depth).join('/');
      const external = this.file.get_external_link(prefix) as { filename?: string };
      if (external.filename && !this.mounts.mountLinkTarget(external.filename)) mountedAny = true;
    }
    return mountedAny ? this.file.get(path) : found;
  }

  private requireObject(path: string): Group | Dataset {
    const entity = this.entity(path);
    if (entity && (kindOf(entity) === 'group' || kindOf(entity) === 'dataset')) {
      return entity as Group | Dataset;
    }
    throw new ExplorerError('not-found', `Nothing readable at ${path}.`);
  }

  private requireGroup(path: string): Group {
    const entity = this.entity(path);
    if (kindOf(entity) !== 'group') throw new ExplorerError('not-found', `${path} is not a group.`);
    return entity as Group;
  }

  private requireDataset(path: string): Dataset {
    const entity = this.entity(path);
    if (kindOf(entity) !== 'dataset') {
      throw new ExplorerError('not-found', `${path} is not a dataset.`);
    }
    return entity as Dataset;
  }
}

function isStringOrStrings(value: unknown): value is string | string[] {
  return (
    typeof value === 'string' ||
    (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'))
  );
}

/**
 * Whether an object found at a path may be remembered: a group, a named datatype, or a dataset
 * whose metadata is read now, in the attempt that found it (h5wasm caches it on the object, so
 * a later read that missed a block cannot leave a half-read one there).
 */
function readMetadata(entity: Entity | null): boolean {
  const kind = kindOf(entity);
  if (kind !== 'dataset') return kind !== null;
  try {
    void (entity as Dataset).metadata;
    return true;
  } catch {
    return false;
  }
}

function kindOf(entity: Entity | null): 'group' | 'dataset' | 'datatype' | null {
  const type = (entity as { type?: string } | null)?.type;
  if (type === 'Group') return 'group';
  if (type === 'Dataset') return 'dataset';
  if (type === 'Datatype') return 'datatype';
  return null;
}

function typeName(
  type: number,
  module: LoadedH5wasm['module'],
): 'group' | 'dataset' | 'datatype' | undefined {
  if (type === module.H5G_GROUP) return 'group';
  if (type === module.H5G_DATASET) return 'dataset';
  if (type === module.H5G_TYPE) return 'datatype';
  return undefined;
}

/** A slice's chunk plan in readSlices: its index walk, then its chunks to touch once. */
interface ChunkPlanState {
  walk: ChunkWalk | 'start' | 'done';
  chunks?: ChunkExtent[];
  /** The dataset, found (and its metadata read) without a miss while starting the walk. */
  dataset?: Dataset;
}

/** Adds the blocks noted by one probe to those of the round. */
function mergeNoted(into: Map<string, Set<number>>, noted: Map<string, Set<number>>): void {
  for (const [fileId, indices] of noted) {
    const all = into.get(fileId) ?? new Set<number>();
    for (const index of indices) all.add(index);
    into.set(fileId, all);
  }
}
