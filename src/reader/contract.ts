/**
 * The backend-neutral reading contract.
 *
 * Everything above this line (the NWB layer, the panes) sees files only through these types.
 * The HDF5 backend (h5wasm over the byte layer) implements it now; a Zarr backend implements the
 * same contract later. Values crossing a worker boundary must be structured-clonable: no class
 * instances, no functions.
 */

/** Typed arrays that a numeric read can return. 64-bit integers come back as BigInt arrays. */
export type NumericArray =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

/** An object reference, resolved to the path it points to (null when it cannot be resolved). */
export interface ObjectRefValue {
  kind: 'object-ref';
  path: string | null;
}

/**
 * The elements a region reference selects, in the coordinates of the dataset it points into.
 * A table pane turns it into row indices: the points' first coordinates, or every index from
 * `start[0]` to `end[0]` of each block.
 */
export type RegionSelection =
  | { kind: 'all' }
  | { kind: 'none' }
  /** Single elements, one coordinate list per point, in the order they were selected. */
  | { kind: 'points'; points: number[][] }
  /** Rectangular blocks; `end` is inclusive, as HDF5 and h5dump write it. */
  | { kind: 'hyperslab'; blocks: { start: number[]; end: number[] }[] };

/** A region reference: the dataset it points into and the elements it selects there. */
export interface RegionRefValue {
  kind: 'region-ref';
  path: string | null;
  /** Null when the selection could not be decoded (the path may still be known). */
  selection: RegionSelection | null;
}

export type ScalarValue = string | number | bigint | boolean | null;

/** One value as read from a file: compound records and vlen sequences are nested arrays. */
export type Value = ScalarValue | ObjectRefValue | RegionRefValue | NumericArray | Value[];

export type NodeKind =
  'group' | 'dataset' | 'datatype' | 'soft-link' | 'external-link' | 'broken-link';

export interface LinkInfo {
  /** Soft link: absolute target path. External link: path inside the target file. */
  target: string;
  /** External links only: the file name as written in the link. */
  file?: string;
  /** True when the link could be followed (an external target file was reachable and mounted). */
  resolved: boolean;
  /** What the link points to once followed, when it could be followed. */
  targetKind?: 'group' | 'dataset' | 'datatype';
  /** Why an external link could not be followed, in words for the user. */
  problem?: string;
}

export interface ChildEntry {
  name: string;
  /** Absolute path inside the file, e.g. "/acquisition/ElectricalSeries". */
  path: string;
  kind: NodeKind;
  link?: LinkInfo;
  /** Attributes projected on request (e.g. neurodata_type, namespace); absent ones are omitted. */
  attrs?: Record<string, Value>;
}

export type DtypeClass =
  | 'int'
  | 'uint'
  | 'float'
  | 'string'
  | 'bool'
  | 'enum'
  | 'compound'
  | 'reference'
  | 'array'
  | 'vlen'
  | 'opaque'
  | 'bitfield'
  | 'unknown';

export interface DtypeInfo {
  class: DtypeClass;
  /** Bytes per element as stored (for vlen types, the size of the handle). */
  size: number;
  /** Short human text, e.g. "float64", "utf-8 string (variable length)", "compound{x: float32, ...}". */
  description: string;
  littleEndian?: boolean;
  /** Compound members, in order. */
  members?: { name: string; dtype: DtypeInfo }[];
  /** Enum labels and their values. */
  enumValues?: Record<string, number>;
  /** Base type of array and vlen types. */
  base?: DtypeInfo;
  /** Reference kind, for references. */
  refKind?: 'object' | 'region';
}

export interface FilterInfo {
  id: number;
  name: string;
}

export interface DatasetInfo {
  path: string;
  /** [] for a scalar dataset; null for a dataset with a null dataspace. */
  shape: number[] | null;
  maxshape: (number | null)[] | null;
  dtype: DtypeInfo;
  /** Chunk shape, or null when contiguous/compact. */
  chunks: number[] | null;
  filters: FilterInfo[];
  /** Bytes as stored in the file, when the backend can tell. */
  storedBytes: number | null;
  /** Bytes once fully read into memory (elements x element size). */
  memoryBytes: number;
  /** Number of elements (product of shape; 1 for scalar, 0 for null dataspace). */
  elementCount: number;
}

export interface AttributeInfo {
  name: string;
  shape: number[] | null;
  dtype: DtypeInfo;
  value: Value;
  /** Set when the value could not be read (e.g. an unsupported dtype); value is then null. */
  error?: string;
}

/** A hyperslab: per dimension [start, stop) with an optional step (default 1). */
export type Selection = { start: number; stop: number; step?: number }[];

/** One hyperslab of one dataset, as `readSlices` takes them. */
export interface SliceRequest {
  path: string;
  selection: Selection;
}

export interface SliceResult {
  /** Shape of the selected block, one entry per dimension ([] for a scalar). */
  shape: number[];
  /** Row-major values: a typed array for numeric data, an array of Values otherwise. */
  values: NumericArray | Value[];
}

/** How the file stores its objects: HDF5, a Zarr store, or a LINDI file (Zarr references into HDF5). */
export type StorageFormat = 'hdf5' | 'zarr' | 'lindi';

export interface FileSummary {
  format: StorageFormat;
  /** A display name for the file (URL tail or local file name). */
  name: string;
  /** Total bytes of the file (HDF5) or null when unknown (Zarr store). */
  size: number | null;
  /** What the user should know about reading this file (e.g. a Zarr store without consolidated metadata). */
  warnings?: string[];
}

/**
 * Per-call options. `signal` cancels this call only: the blocks it alone waits for stop loading,
 * while other calls on the same file (a tree listing beside a cancelled large read) go on.
 */
export interface ReadOptions {
  signal?: AbortSignal;
}

/** What `reduceMinMax` reduces: rows [start, stop) of dimension 0 into `bins` equal runs. */
export interface MinMaxRequest {
  start: number;
  /** Exclusive. */
  stop: number;
  /** Number of runs; clamped to the number of rows. */
  bins: number;
  /** Columns [start, stop) of dimension 1 for 2-D datasets; every column when omitted. */
  columns?: { start: number; stop: number };
}

/**
 * Per bin and column, the smallest and largest value. Bin b covers rows
 * [start + floor(b * n / bins), start + floor((b + 1) * n / bins)) with n = stop - start.
 */
export interface MinMaxEnvelope {
  start: number;
  stop: number;
  bins: number;
  columnStart: number;
  /** Number of columns (1 for a 1-D dataset). */
  columns: number;
  /** Row-major [bin][column]; NaN where a bin holds no finite value (yet). */
  min: Float64Array;
  max: Float64Array;
  /** Rows reduced into each bin so far; equals the bin's size once it is complete. */
  filled: Uint32Array;
  rowsDone: number;
  rowsTotal: number;
  complete: boolean;
}

export interface MinMaxOptions extends ReadOptions {
  /**
   * Partial envelopes while the reduction runs: first after a strided sample of the range, then
   * every `progressEveryMs`. Across a worker the callback is proxied; it receives a copy.
   */
  onProgress?(partial: MinMaxEnvelope): void;
  progressEveryMs?: number;
}

/**
 * The reading contract. One instance is one open file. Paths are absolute, "/" is the root.
 * Every method reads only what it needs: listChildren never reads dataset values, readSlice only
 * the selected hyperslab.
 */
export interface DataReader {
  summary(): Promise<FileSummary>;
  /** Children of a group, in name order. `attrs` names attributes to project onto each child. */
  listChildren(path: string, options?: { attrs?: string[] } & ReadOptions): Promise<ChildEntry[]>;
  /** Every attribute of an object. */
  getAttributes(path: string, options?: ReadOptions): Promise<AttributeInfo[]>;
  /** Kind of the object at a path, following links; null when nothing is there. */
  getKind(path: string, options?: ReadOptions): Promise<'group' | 'dataset' | 'datatype' | null>;
  describeDataset(path: string, options?: ReadOptions): Promise<DatasetInfo>;
  /** Reads one hyperslab. Backends may refuse selections above `limits.maxElementsPerRead`. */
  readSlice(path: string, selection: Selection, options?: ReadOptions): Promise<SliceResult>;
  /**
   * Many hyperslabs, of one dataset or several, in one call; results in the order asked. The
   * backend may gather what they all need before reading any (HDF5: their missing blocks in one
   * round per level of the chunk index, not one per slice). A failing slice fails the call.
   * See reader/readSlices.ts for the backend-neutral version every backend can delegate to.
   */
  readSlices(requests: SliceRequest[], options?: ReadOptions): Promise<SliceResult[]>;
  /**
   * Min/max envelope of a 1-D or 2-D numeric dataset along dimension 0, computed next to the data
   * (see reader/minMaxEnvelope.ts for the backend-neutral version every backend can delegate to).
   */
  reduceMinMax(
    path: string,
    request: MinMaxRequest,
    options?: MinMaxOptions,
  ): Promise<MinMaxEnvelope>;
  close(): Promise<void>;
}

/** Upper bounds a backend enforces on a single call; the client tiles anything larger. */
export const limits = {
  /** Elements in one readSlice call (tiles are at most this big). */
  maxElementsPerRead: 16 * 1024 * 1024,
  /** Bytes in one readSlice call. */
  maxBytesPerRead: 128 * 1024 * 1024,
} as const;
