/**
 * Turns the references h5wasm reads into contract values: object references to the path of
 * their target, region references to the target's path and the selection decoded from the file.
 *
 * A column of references usually names the same few objects over and over (every row of a
 * TimeIntervals `timeseries` column points at one of a handful of series): resolved ones are
 * remembered by their bytes.
 */
import type { Entity, File as H5File } from 'h5wasm';
import type { ObjectRefValue, RegionRefValue } from '../reader/contract';
import { isBlockMiss, type FileBytes } from './fileBytes';
import { readRegionSelection } from './regionSelection';

/** Object references are one file address; region references name a global heap object. */
const OBJECT_REF_SIZE = 8;

export class ReferenceResolver {
  private readonly known = new Map<string, ObjectRefValue | RegionRefValue>();

  constructor(
    private readonly file: () => H5File,
    private readonly bytes: FileBytes,
  ) {}

  readonly resolve = (ref: { ref_data: Uint8Array }): ObjectRefValue | RegionRefValue => {
    const key = Array.from(ref.ref_data).join(',');
    let value = this.known.get(key);
    if (!value) {
      value = ref.ref_data.byteLength > OBJECT_REF_SIZE ? this.region(ref) : this.object(ref);
      // A failure may be a block not loaded yet (the call runs again once it is): keep only
      // complete answers.
      const complete = value.path !== null && (value.kind === 'object-ref' || value.selection);
      if (complete) this.known.set(key, value);
    }
    return value;
  };

  /**
   * For references read from a file behind an external link: their addresses are that file's,
   * not ours, so no selection is decoded from our bytes and nothing is remembered by address.
   */
  readonly elsewhere = (ref: { ref_data: Uint8Array }): ObjectRefValue | RegionRefValue => {
    if (ref.ref_data.byteLength <= OBJECT_REF_SIZE) return this.object(ref);
    return { kind: 'region-ref', path: this.targetPath(ref), selection: null };
  };

  private object(ref: { ref_data: Uint8Array }): ObjectRefValue {
    if (ref.ref_data.every((b) => b === 0)) return { kind: 'object-ref', path: null };
    return { kind: 'object-ref', path: this.targetPath(ref) };
  }

  private region(ref: { ref_data: Uint8Array }): RegionRefValue {
    if (ref.ref_data.every((b) => b === 0)) {
      return { kind: 'region-ref', path: null, selection: null };
    }
    const path = this.targetPath(ref);
    let selection: RegionRefValue['selection'] = null;
    try {
      selection = readRegionSelection(this.bytes, ref.ref_data);
    } catch (error) {
      // A block not loaded yet must reach the run loop; anything else leaves the selection unknown.
      if (isBlockMiss(error)) throw error;
    }
    return { kind: 'region-ref', path, selection };
  }

  private targetPath(ref: { ref_data: Uint8Array }): string | null {
    try {
      const target = this.file().dereference(ref as never) as
        Entity | { source_dataset: { path: string } } | null;
      if (target && 'source_dataset' in target) return target.source_dataset.path;
      if (target && 'path' in target) return target.path;
      return null;
    } catch (error) {
      if (isBlockMiss(error)) throw error;
      return null;
    }
  }
}
