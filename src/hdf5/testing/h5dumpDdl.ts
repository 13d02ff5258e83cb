/**
 * A reader of h5dump's text output (DDL), for tests that compare our reading of a file with
 * HDF5's own: the object tree, attributes with their values, dataset types, dataspaces, storage
 * layouts, filters, and DATA blocks (whole or SUBSET).
 *
 * The DDL is not a regular grammar (a reference is printed with the referenced object's data
 * after it; a region reference as a small block; index prefixes like `(3,0):` sit between
 * values), so this is a tolerant recursive reader over tokens: what it does not know it skips
 * as a balanced block, and the comparison then reports the gap instead of this code guessing.
 */

export type DdlValue =
  | { t: 'word'; text: string }
  | { t: 'string'; text: string }
  | { t: 'list'; items: DdlValue[] }
  | { t: 'object-ref'; path: string | null }
  /** `region` is h5dump's selection text without spaces (`BLOCK(0)-(3),(5)-(5)`), or null
   * when h5dump did not print it. */
  | { t: 'region-ref'; path: string; region: string | null };

export interface DdlType {
  class: string;
  size?: number;
  littleEndian?: boolean;
  members?: { name: string; type: DdlType }[];
  base?: DdlType;
  refKind?: 'object' | 'region';
  enumValues?: Record<string, string>;
  variable?: boolean;
  dims?: number[];
  /** A committed (named) datatype the object uses, by path. */
  path?: string;
}

export interface DdlSpace {
  kind: 'scalar' | 'null' | 'simple';
  dims: number[];
  maxdims: (number | null)[];
}

export interface DdlAttribute {
  name: string;
  type: DdlType | null;
  space: DdlSpace | null;
  data: DdlValue[] | null;
}

export interface DdlObject {
  kind: 'group' | 'dataset' | 'datatype' | 'soft-link' | 'external-link';
  name: string;
  /** The path of the first link to this object, when this entry is a second hard link to it. */
  hardlink?: string;
  attributes: DdlAttribute[];
  children: DdlObject[];
  type?: DdlType | null;
  space?: DdlSpace | null;
  layout?: { kind: string; chunks: number[] | null; size: number | null };
  /** Filter ids in pipeline order. */
  filters?: number[];
  data?: DdlValue[] | null;
  target?: string;
  file?: string;
}

const PUNCTUATION = new Set(['{', '}', '(', ')', '[', ']', ',', ';', ':']);

export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      tokens.push(text.slice(i, j + 1));
      i = j + 1;
    } else if (PUNCTUATION.has(c)) {
      tokens.push(c);
      i++;
    } else {
      let j = i;
      while (j < text.length && !/[\s"{}()[\],;:]/.test(text[j])) j++;
      tokens.push(text.slice(i, j));
      i = j;
    }
  }
  return tokens;
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  v: '\v',
  a: '\x07',
  '"': '"',
  '\\': '\\',
};

/**
 * A quoted DDL string's text, as h5dump -e prints it (quotes, backslashes and control
 * characters escaped). Octal escapes are bytes; the bytes are decoded as UTF-8.
 */
export function unquote(token: string): string {
  const body = token.slice(1, -1);
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\' && i + 1 < body.length) {
      const next = body[i + 1];
      if (/[0-7]/.test(next)) {
        // h5dump -e prints a byte above 0x7f sign-extended to 32 bits: \37777777703 is 0xc3.
        const wide = /^37777777[0-7]{3}/.exec(body.slice(i + 1));
        const octal = wide ? wide[0] : /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
        bytes.push(parseInt(octal, 8) & 0xff);
        i += octal.length;
      } else {
        bytes.push(...encoder.encode(ESCAPES[next] ?? next));
        i++;
      }
    } else {
      const code = body.codePointAt(i)!;
      const char = String.fromCodePoint(code);
      bytes.push(...encoder.encode(char));
      i += char.length - 1;
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

function isString(token: string | undefined): boolean {
  return token !== undefined && token.startsWith('"');
}

/** Filter names h5dump prints, as HDF5 filter ids. */
const FILTER_IDS: Record<string, number> = {
  DEFLATE: 1,
  SHUFFLE: 2,
  FLETCHER32: 3,
  SZIP: 4,
  NBIT: 5,
  SCALEOFFSET: 6,
};

class DdlReader {
  private i = 0;

  constructor(private readonly t: string[]) {}

  private peek(offset = 0): string | undefined {
    return this.t[this.i + offset];
  }

  private next(): string {
    if (this.i >= this.t.length) throw new Error('Unexpected end of h5dump output.');
    return this.t[this.i++];
  }

  private expect(token: string): void {
    const got = this.next();
    if (got !== token) throw new Error(`h5dump output: expected ${token}, got ${got} at ${this.i}`);
  }

  private skipBalanced(): void {
    const open = this.next();
    const close = open === '{' ? '}' : open === '(' ? ')' : ']';
    let depth = 1;
    while (depth > 0) {
      const token = this.next();
      if (token === open) depth++;
      else if (token === close) depth--;
    }
  }

  /** The top level: `HDF5 "file" { objects }`. */
  document(): DdlObject[] {
    this.expect('HDF5');
    this.next();
    this.expect('{');
    const objects: DdlObject[] = [];
    while (this.peek() !== '}' && this.peek() !== undefined) {
      const object = this.item();
      if (object) objects.push(object);
    }
    return objects;
  }

  /** One entry of a group (or of the top level); null for things that are not objects. */
  private item(): DdlObject | null {
    const word = this.next();
    if (word === 'GROUP' || word === 'DATASET') {
      const name = unquote(this.next());
      return this.objectBody(word === 'GROUP' ? 'group' : 'dataset', name);
    }
    if (word === 'DATATYPE') {
      const name = unquote(this.next());
      const object: DdlObject = { kind: 'datatype', name, attributes: [], children: [] };
      object.type = this.type();
      return object;
    }
    if (word === 'SOFTLINK' || word === 'EXTERNAL_LINK') {
      const name = unquote(this.next());
      const object: DdlObject = {
        kind: word === 'SOFTLINK' ? 'soft-link' : 'external-link',
        name,
        attributes: [],
        children: [],
      };
      this.expect('{');
      while (this.peek() !== '}') {
        const key = this.next();
        if (key === 'LINKTARGET' || key === 'TARGETPATH') object.target = unquote(this.next());
        else if (key === 'TARGETFILE') object.file = unquote(this.next());
        // h5dump prints what an external link leads to inside the link's block: skipped.
        else if (this.peek() === '{') this.skipBalanced();
      }
      this.next();
      return object;
    }
    if (this.peek() === '{') this.skipBalanced();
    return null;
  }

  private objectBody(kind: 'group' | 'dataset', name: string): DdlObject {
    const object: DdlObject = { kind, name, attributes: [], children: [] };
    this.expect('{');
    while (this.peek() !== '}') {
      const word = this.peek()!;
      if (word === 'ATTRIBUTE') {
        this.next();
        object.attributes.push(this.attribute(unquote(this.next())));
      } else if (word === 'HARDLINK') {
        this.next();
        object.hardlink = unquote(this.next());
      } else if (kind === 'group') {
        const child = this.item();
        if (child) object.children.push(child);
      } else if (word === 'DATATYPE') {
        this.next();
        object.type = this.type();
      } else if (word === 'DATASPACE') {
        this.next();
        object.space = this.space();
      } else if (word === 'STORAGE_LAYOUT') {
        this.next();
        object.layout = this.layout();
      } else if (word === 'FILTERS') {
        this.next();
        object.filters = this.filters();
      } else if (word === 'DATA') {
        this.next();
        object.data = this.dataBlock();
      } else if (word === 'SUBSET') {
        this.next();
        this.expect('{');
        while (this.peek() !== '}') {
          if (this.next() === 'DATA') object.data = this.dataBlock();
        }
        this.next();
      } else {
        this.next();
        if (this.peek() === '{') this.skipBalanced();
      }
    }
    this.next();
    return object;
  }

  private attribute(name: string): DdlAttribute {
    const attribute: DdlAttribute = { name, type: null, space: null, data: null };
    this.expect('{');
    while (this.peek() !== '}') {
      const word = this.next();
      if (word === 'DATATYPE') attribute.type = this.type();
      else if (word === 'DATASPACE') attribute.space = this.space();
      else if (word === 'DATA') attribute.data = this.dataBlock();
      else if (this.peek() === '{') this.skipBalanced();
    }
    this.next();
    return attribute;
  }

  private space(): DdlSpace {
    const word = this.next();
    if (word === 'SCALAR') return { kind: 'scalar', dims: [], maxdims: [] };
    if (word === 'NULL') return { kind: 'null', dims: [], maxdims: [] };
    this.expect('{');
    const dims = this.parenNumbers().map(Number);
    let maxdims: (number | null)[] = dims;
    if (this.peek() === '/') {
      this.next();
      maxdims = this.parenNumbers().map((w) => (w === 'H5S_UNLIMITED' ? null : Number(w)));
    }
    this.expect('}');
    return { kind: 'simple', dims, maxdims };
  }

  private parenNumbers(): string[] {
    this.expect('(');
    const out: string[] = [];
    while (this.peek() !== ')') {
      const token = this.next();
      if (token !== ',') out.push(token);
    }
    this.next();
    return out;
  }

  private layout(): { kind: string; chunks: number[] | null; size: number | null } {
    this.expect('{');
    const kind = this.next();
    let chunks: number[] | null = null;
    let size: number | null = null;
    if (kind === 'CHUNKED' && this.peek() === '(') chunks = this.parenNumbers().map(Number);
    while (this.peek() !== '}') {
      const word = this.next();
      if (word === 'SIZE') size = Number(this.next());
      else if (word === '{') {
        this.i--;
        this.skipBalanced();
      }
    }
    this.next();
    return { kind, chunks, size };
  }

  private filters(): number[] {
    this.expect('{');
    const ids: number[] = [];
    let depth = 1;
    while (depth > 0) {
      const word = this.next();
      if (word === '{') depth++;
      else if (word === '}') depth--;
      else if (depth === 1 && FILTER_IDS[word] !== undefined) ids.push(FILTER_IDS[word]);
      else if (word === 'FILTER_ID') ids.push(Number(this.next()));
    }
    return ids;
  }

  type(): DdlType {
    const word = this.next();
    if (isString(word)) return { class: 'named', path: unquote(word) };
    const atomic = /^H5T_(STD|IEEE)_([IUFB])(\d+)(LE|BE)$/.exec(word);
    if (atomic) {
      const classes: Record<string, string> = { I: 'int', U: 'uint', F: 'float', B: 'bitfield' };
      return {
        class: classes[atomic[2]],
        size: Number(atomic[3]) / 8,
        littleEndian: atomic[4] === 'LE',
      };
    }
    if (word === 'H5T_STRING') {
      const type: DdlType = { class: 'string' };
      this.expect('{');
      while (this.peek() !== '}') {
        const key = this.next();
        if (key === 'STRSIZE') {
          const size = this.next();
          if (size === 'H5T_VARIABLE') type.variable = true;
          else type.size = Number(size);
        }
      }
      this.next();
      return type;
    }
    if (word === 'H5T_REFERENCE') {
      this.expect('{');
      const kind = this.next();
      this.expect('}');
      return { class: 'reference', refKind: kind === 'H5T_STD_REF_DSETREG' ? 'region' : 'object' };
    }
    if (word === 'H5T_COMPOUND') {
      const members: { name: string; type: DdlType }[] = [];
      this.expect('{');
      while (this.peek() !== '}') {
        const type = this.type();
        const name = unquote(this.next());
        if (this.peek() === ':') {
          this.next();
          this.next(); // member offset, printed for some layouts
        }
        this.expect(';');
        members.push({ name, type });
      }
      this.next();
      return { class: 'compound', members };
    }
    if (word === 'H5T_ENUM') {
      this.expect('{');
      const base = this.type();
      this.expect(';');
      const enumValues: Record<string, string> = {};
      while (this.peek() !== '}') {
        const label = this.next();
        const value = this.next();
        this.expect(';');
        enumValues[isString(label) ? unquote(label) : label] = value;
      }
      this.next();
      return { class: 'enum', base, size: base.size, enumValues };
    }
    if (word === 'H5T_VLEN') {
      this.expect('{');
      const base = this.type();
      this.expect('}');
      return { class: 'vlen', base };
    }
    if (word === 'H5T_ARRAY') {
      this.expect('{');
      const dims: number[] = [];
      while (this.peek() === '[') {
        this.next();
        dims.push(Number(this.next()));
        this.expect(']');
      }
      const base = this.type();
      this.expect('}');
      return { class: 'array', base, dims };
    }
    if (word === 'H5T_OPAQUE') {
      this.skipBalanced();
      return { class: 'opaque' };
    }
    if (this.peek() === '{') this.skipBalanced();
    return { class: `other:${word}` };
  }

  /** `{ values }` after DATA. */
  private dataBlock(): DdlValue[] {
    this.expect('{');
    return this.values('}');
  }

  private values(close: string): DdlValue[] {
    const out: DdlValue[] = [];
    while (this.peek() !== close) {
      const token = this.peek()!;
      if (token === ',') {
        this.next();
      } else if (token === '(' && this.isIndexPrefix()) {
        while (this.next() !== ':');
      } else {
        out.push(this.value());
      }
    }
    this.next();
    return out;
  }

  /** `(3,0):` before a run of values. */
  private isIndexPrefix(): boolean {
    let j = this.i + 1;
    while (this.t[j] !== ')' && j < this.t.length) {
      if (!/^\d+$/.test(this.t[j]) && this.t[j] !== ',') return false;
      j++;
    }
    return this.t[j + 1] === ':';
  }

  private value(): DdlValue {
    const token = this.next();
    if (isString(token)) return { t: 'string', text: unquote(token) };
    if (token === '{') return { t: 'list', items: this.values('}') };
    if (token === '[') return { t: 'list', items: this.values(']') };
    if (token === '(') return { t: 'list', items: this.values(')') };
    const refKinds = ['GROUP', 'DATASET', 'DATATYPE'];
    if (token === 'DATASET' && isString(this.peek()) && this.peek(1) === '{') {
      return this.regionReference(unquote(this.next()));
    }
    if (token === 'DATASET' && isString(this.peek())) {
      // A region reference printed without its selection (inside a compound, or selecting all).
      return { t: 'region-ref', path: unquote(this.next()), region: null };
    }
    if (refKinds.includes(token) && /^\d+$/.test(this.peek() ?? '') && isString(this.peek(1))) {
      this.next();
      const path = unquote(this.next());
      // h5dump follows an object reference with the referenced object's data: skip it.
      while ((this.peek() === 'DATA' || this.peek() === 'SUBSET') && this.peek(1) === '{') {
        this.next();
        this.skipBalanced();
      }
      return { t: 'object-ref', path };
    }
    if (token === 'NULL') return { t: 'object-ref', path: null };
    return { t: 'word', text: token };
  }

  /** `DATASET "path" { REGION_TYPE BLOCK (0)-(3), ... DATATYPE ... }` */
  private regionReference(path: string): DdlValue {
    this.expect('{');
    const region: string[] = [];
    let depth = 1;
    let inRegion = false;
    while (depth > 0) {
      const token = this.next();
      if (token === '{') depth++;
      else if (token === '}') depth--;
      else if (token === 'REGION_TYPE') inRegion = true;
      else if (token === 'DATATYPE' || token === 'DATASPACE') inRegion = false;
      else if (inRegion && depth === 1) region.push(token);
    }
    return { t: 'region-ref', path, region: region.join('') };
  }
}

export function parseDdl(text: string): DdlObject[] {
  return new DdlReader(tokenize(text)).document();
}
