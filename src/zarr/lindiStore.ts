/**
 * A LINDI file (`.nwb.lindi.json`, a reference file system) as a Zarr store. Each key of `refs`
 * is inline (a JSON object, text, or "base64:..." bytes) or `[url, offset, length]`: a byte
 * range of another file, usually the HDF5 file the LINDI file describes. Those ranges are read
 * through the block loader under the HDF5 file's own identity, so they share the block cache
 * with that file opened directly.
 */
import type { ByteSource } from '../bytes/ByteSource';
import type { BlockLoader } from '../cache/BlockLoader';
import { metadataDoc } from './jsonFloats';
import { ReferencedFile } from './referencedFile';
import { utf8, type GetOptions, type ZarrStore } from './store';

type Ref = string | Record<string, unknown> | [string] | [string, number, number];

export interface LindiDocument {
  refs: Record<string, Ref>;
  templates?: Record<string, string>;
}

export function isLindiDocument(doc: unknown): doc is LindiDocument {
  return !!doc && typeof doc === 'object' && typeof (doc as LindiDocument).refs === 'object';
}

export class LindiStore implements ZarrStore {
  readonly keys: ReadonlySet<string>;
  private readonly files = new Map<string, ReferencedFile>();

  constructor(
    private readonly doc: LindiDocument,
    private readonly loader: BlockLoader,
    private readonly storeId: string,
    /** The source of a referenced file, by its URL (resolved against the LINDI file's URL). */
    private readonly sourceFor: (url: string) => ByteSource,
  ) {
    this.keys = new Set(Object.keys(doc.refs));
  }

  async get(key: string, options?: GetOptions): Promise<Uint8Array | undefined> {
    const ref = this.doc.refs[key];
    if (ref === undefined) return undefined;
    if (typeof ref === 'string') return inline(ref);
    if (!Array.isArray(ref)) return metadataDoc(key, ref);
    const file = this.fileAt(this.expand(ref[0]));
    if (ref.length === 3) return file.read(ref[1], ref[1] + ref[2], options?.signal);
    return file.readWhole(options?.signal);
  }

  close(): void {
    for (const file of this.files.values()) this.loader.close(file.fileId);
  }

  private fileAt(url: string): ReferencedFile {
    let file = this.files.get(url);
    if (!file) {
      file = new ReferencedFile(
        this.loader,
        `${this.storeId}\u0001${url}`,
        this.sourceFor(url),
        url,
      );
      this.files.set(url, file);
    }
    return file;
  }

  /** Reference file systems may shorten URLs with `{{name}}` templates. */
  private expand(url: string): string {
    const templates = this.doc.templates;
    if (!templates) return url;
    return url.replace(/\{\{\s*(\w+)\s*\}\}/g, (all, name: string) => templates[name] ?? all);
  }
}

function inline(text: string): Uint8Array {
  if (text.startsWith('base64:')) {
    const binary = atob(text.slice(7));
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  }
  return utf8(text);
}
