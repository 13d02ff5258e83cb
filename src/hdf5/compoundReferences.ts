/**
 * Makes h5wasm 0.10.3 read object and region references inside compound records.
 *
 * h5wasm sizes a list of references by the metadata's `total_size`, which compound members
 * lack, so every member reference reads as [] (TimeIntervals `timeseries`, matnwb electrodes
 * `group_ref`, PlaneSegmentation region columns). Giving each such member a total of one makes
 * it read as a one-element list, which values.ts unwraps. The fix goes where h5wasm fetches
 * metadata for a dataset or an attribute, so every read path (slices, whole values,
 * attributes) gets it; it changes nothing for a version of h5wasm that reads them itself.
 */
import type { Metadata } from 'h5wasm';

// H5T_class_t of references.
const REFERENCE = 7;

/** The metadata functions of h5wasm's Emscripten module that every read starts with. */
export interface MetadataGetters {
  get_dataset_metadata(...args: unknown[]): Metadata;
  get_attribute_metadata(...args: unknown[]): Metadata;
}

const patched = new WeakSet<object>();

export function readReferencesInCompounds(module: MetadataGetters): void {
  if (patched.has(module)) return;
  patched.add(module);
  for (const name of ['get_dataset_metadata', 'get_attribute_metadata'] as const) {
    const original = module[name].bind(module);
    module[name] = (...args: unknown[]) => {
      const meta = original(...args);
      if (meta) sizeReferenceMembers(meta);
      return meta;
    };
  }
}

function sizeReferenceMembers(meta: Metadata): void {
  for (const member of meta.compound_type?.members ?? []) {
    if (member.type === REFERENCE) member.total_size = 1;
    else sizeReferenceMembers(member);
  }
}
