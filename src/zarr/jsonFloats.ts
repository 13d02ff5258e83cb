/**
 * JSON loses the difference between 20000.0 and 20000, which HDF5 keeps as float64 vs int64.
 * Attributes are parsed here with float-formatted integral numbers tagged, so the reader can
 * describe `rate: 20000.0` as float64 like the HDF5 backend does.
 */

const TOKENS = /"(?:[^"\\]|\\.)*"|-?\d+\.\d+(?:[eE][+-]?\d+)?|-?\d+[eE][+-]?\d+/g;
const TAG = '\u0000float:';

/** Parses JSON; integral numbers written as floats ("1.0", "1e3") come back as tag strings. */
export function parseTaggingFloats(text: string): unknown {
  const tagged = text.replace(TOKENS, (token) => {
    if (token.startsWith('"')) return token;
    return Number.isInteger(Number(token)) ? JSON.stringify(TAG + token) : token;
  });
  return JSON.parse(tagged);
}

/** Replaces tags by numbers; says whether any was found. */
export function untagFloats(value: unknown): { value: unknown; float: boolean } {
  let float = false;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string' && v.startsWith(TAG)) {
      float = true;
      return Number(v.slice(TAG.length));
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  const out = walk(value);
  return { value: out, float };
}

/** Attributes with their float-formatted names: `floats` lists those to describe as float64. */
export function parseAttributes(text: string): {
  attrs: Record<string, unknown>;
  floats: Set<string>;
} {
  const doc = parseTaggingFloats(text);
  const attrs: Record<string, unknown> = {};
  const floats = new Set<string>();
  if (doc && typeof doc === 'object' && !Array.isArray(doc)) {
    for (const [name, raw] of Object.entries(doc)) {
      const { value, float } = untagFloats(raw);
      attrs[name] = value;
      if (float) floats.add(name);
    }
  }
  return { attrs, floats };
}

/**
 * One metadata document (from .zmetadata or a LINDI file) as the bytes of its key. Attribute
 * documents keep their float tags (parseAttributes reads them); others (.zarray, zarr.json) are
 * plain JSON again for zarrita.
 */
export function metadataDoc(key: string, doc: unknown): Uint8Array {
  const value = key.endsWith('.zattrs') ? doc : untagFloats(doc).value;
  return new TextEncoder().encode(JSON.stringify(value));
}
