/**
 * One HDF5 file split by the family driver into members (`name%d.h5`), presented as the single
 * file it stands for: offsets map to members, and the superblock's family mark is hidden so
 * h5wasm's default driver opens it (see family/familySuperblock.ts). Opening costs what opening
 * one file costs: member 0's probe gives the superblock (member size and logical size), so the
 * tail read goes straight to the last member.
 */
import { ExplorerError } from '../errors';
import type {
  ByteRange,
  ByteSource,
  PrimedBytes,
  RangeReadResult,
  SourceIdentity,
} from './ByteSource';
import { throwIfAborted } from './abort';
import {
  hideFamilyDriver,
  parseFamilySuperblock,
  type FamilyLayout,
} from './family/familySuperblock';

/** Bytes of member 0 that hold the superblock and its driver-information block. */
const SUPERBLOCK_BYTES = 4096;

export interface FamilySourceOptions {
  /** Stable key of the family (e.g. the URL pattern). */
  key: string;
  displayName: string;
  /** Member `index`, given its expected size when known (every member but the last is full). */
  member(index: number, size: number | undefined): ByteSource;
}

export class FamilySource implements ByteSource {
  readonly key: string;
  readonly displayName: string;
  private readonly first: ByteSource;
  private readonly members = new Map<number, ByteSource>();
  private layout: FamilyLayout | null = null;
  private identity: SourceIdentity | null = null;
  private primed: PrimedBytes | null = null;

  constructor(private readonly options: FamilySourceOptions) {
    this.key = `family:${options.key}`;
    this.displayName = options.displayName;
    this.first = options.member(0, undefined);
    this.members.set(0, this.first);
  }

  async identify(signal?: AbortSignal): Promise<SourceIdentity> {
    if (this.identity) return this.identity;
    const firstIdentity = await this.first.identify(signal);
    let head = this.first.takePrimed?.() ?? null;
    if (
      !head ||
      head.start !== 0 ||
      head.data.length < Math.min(SUPERBLOCK_BYTES, firstIdentity.size)
    ) {
      const end = Math.min(SUPERBLOCK_BYTES, firstIdentity.size);
      head = { start: 0, ...(await this.first.read({ start: 0, end }, signal)) };
    }
    const parsed = parseFamilySuperblock(head.data);
    if (!parsed.ok) {
      throw new ExplorerError(
        'not-hdf5',
        `${this.displayName} cannot be opened as a family: ${parsed.reason}`,
      );
    }
    const layout = parsed.layout;
    if (firstIdentity.size < Math.min(layout.memberSize, layout.eof)) {
      throw new ExplorerError(
        'truncated',
        `Member 0 of ${this.displayName} has ${firstIdentity.size} bytes; the family's members have ${layout.memberSize}.`,
      );
    }
    this.layout = layout;
    // The probe may have read past member 0's share of the address space only if the member is
    // longer than the member size, which HDF5 never writes: keep what is inside it.
    const kept = head.data.subarray(0, Math.min(head.data.length, layout.memberSize, layout.eof));
    const data = kept.slice();
    hideFamilyDriver(data, 0, layout);
    this.primed = { start: 0, data, seen: {} };
    this.identity = {
      key: this.key,
      size: layout.eof,
      validator: firstIdentity.validator === null ? null : `family:${firstIdentity.validator}`,
    };
    return this.identity;
  }

  takePrimed(): PrimedBytes | null {
    const primed = this.primed;
    this.primed = null;
    return primed;
  }

  async read(range: ByteRange, signal?: AbortSignal): Promise<RangeReadResult> {
    throwIfAborted(signal);
    if (!this.layout) await this.identify(signal);
    const layout = this.layout as FamilyLayout;
    const { start, end } = range;
    if (!(start >= 0 && end >= start))
      throw new ExplorerError('internal', `Bad byte range ${start}-${end}.`);
    if (end > layout.eof) {
      throw new ExplorerError(
        'truncated',
        `${this.displayName} ends at byte ${layout.eof}, but byte ${end - 1} was asked for.`,
      );
    }
    const out = new Uint8Array(end - start);
    const parts: Promise<void>[] = [];
    for (let at = start; at < end;) {
      const index = Math.floor(at / layout.memberSize);
      const memberStart = index * layout.memberSize;
      const stop = Math.min(end, memberStart + layout.memberSize);
      const local = { start: at - memberStart, end: stop - memberStart };
      const into = at - start;
      parts.push(
        this.member(index)
          .read(local, signal)
          .then((result) => out.set(result.data, into)),
      );
      at = stop;
    }
    await Promise.all(parts);
    hideFamilyDriver(out, start, layout);
    return { data: out, seen: { size: layout.eof } };
  }

  private member(index: number): ByteSource {
    let found = this.members.get(index);
    if (!found) {
      const layout = this.layout as FamilyLayout;
      const last = Math.ceil(layout.eof / layout.memberSize) - 1;
      const size = index < last ? layout.memberSize : layout.eof - last * layout.memberSize;
      found = this.options.member(index, size);
      this.members.set(index, found);
    }
    return found;
  }
}
