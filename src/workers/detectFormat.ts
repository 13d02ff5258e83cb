/**
 * Which storage format a source holds, from its bytes, never from its name (`.nwb`, `.h5`,
 * `.he5`, `.nwb.h5`, `.zarr`, `.ngff` say nothing reliable about the bytes behind them).
 *
 * - HDF5: the superblock signature at offset 0, 512, 1024, 2048, ... (after a user block).
 * - LINDI: a JSON file whose top level has `refs` (a Zarr-style index of an HDF5 file).
 * - Zarr: a store (a folder) holding `.zmetadata`, `zarr.json` or `.zgroup`; or one of those
 *   documents named directly.
 * The first two come from the head of the file; the third is asked of the store only when the
 * URL is not a readable file or its head is neither HDF5 nor LINDI, so HDF5 costs no request.
 */

export type StorageKind = 'hdf5' | 'zarr' | 'lindi';

/** The HDF5 format signature: \211HDF\r\n\032\n. */
const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** Store keys that make a folder a Zarr store: v2 consolidated, v3, v2 group. */
export const ZARR_STORE_KEYS = ['.zmetadata', 'zarr.json', '.zgroup'] as const;

/** What the first bytes of a file say, or null when they name no format we know. */
export function formatOfHead(head: Uint8Array): StorageKind | null {
  for (let offset = 0; offset + HDF5_SIGNATURE.length <= head.byteLength;) {
    if (HDF5_SIGNATURE.every((byte, i) => head[offset + i] === byte)) return 'hdf5';
    offset = offset === 0 ? 512 : offset * 2;
  }
  const text = jsonStart(head);
  if (text === null) return null;
  // Key names near the start of the document; a JSON parse of a truncated head would fail.
  if (/"refs"\s*:/.test(text)) return 'lindi';
  if (/"(zarr_format|zarr_consolidated_format|node_type)"\s*:/.test(text)) return 'zarr';
  return null;
}

/** The head as text when it looks like a JSON object, else null. */
function jsonStart(head: Uint8Array): string | null {
  const sample = head.subarray(0, 64 * 1024);
  let i = 0;
  while (
    i < sample.length &&
    (sample[i] === 0x20 || sample[i] === 0x0a || sample[i] === 0x0d || sample[i] === 0x09)
  )
    i++;
  if (sample[i] !== 0x7b) return null; // '{'
  return new TextDecoder('utf-8', { fatal: false }).decode(sample);
}

export interface FormatProbe {
  /** The first bytes of the source as one file, or null when it is not a readable file. */
  head(): Promise<Uint8Array | null>;
  /** Whether the source, taken as a folder (store), holds this key. Absent for local files. */
  storeHas?(key: string): Promise<boolean>;
}

/**
 * The format of a source, or null when nothing says (the caller then lets HDF5 try, so bad
 * input gets HDF5's own account: not HDF5, truncated, ...).
 */
export async function detectFormat(probe: FormatProbe): Promise<StorageKind | null> {
  const head = await probe.head();
  const fromHead = head ? formatOfHead(head) : null;
  if (fromHead) return fromHead;
  if (probe.storeHas) {
    // Consolidated metadata first: most stores served for reading have it, and it settles the
    // question in one request; only without it are the other root documents asked for.
    const [first, ...rest] = ZARR_STORE_KEYS;
    if (await probe.storeHas(first)) return 'zarr';
    const found = await Promise.all(rest.map((key) => probe.storeHas!(key)));
    if (found.some(Boolean)) return 'zarr';
  }
  return null;
}
