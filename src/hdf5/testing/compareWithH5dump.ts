/**
 * Compares our reading of an HDF5 file, through the DataReader contract, with h5dump's: the
 * object tree, every attribute (type, shape, value), every dataset's type, shape, maximum shape,
 * chunks, filters and stored size, and the first, last and strided slices of every dataset.
 *
 * h5dump runs twice per file: once for the tree and attributes (`-p -A`), once for every slice
 * at once (one `-d` with `-s/-c/-S` per slice), so a file costs two processes whatever its size.
 */
import { spawnSync } from 'node:child_process';
import { asExplorerError } from '../../errors';
import type {
  DataReader,
  DatasetInfo,
  DtypeInfo,
  RegionSelection,
  Selection,
  Value,
} from '../../reader/contract';
import { parseDdl, type DdlObject, type DdlType, type DdlValue } from './h5dumpDdl';

export interface FileComparison {
  /** Groups, datasets, links and named datatypes compared. */
  objects: number;
  attributes: number;
  /** Leaf values compared (numbers, strings, references). */
  values: number;
  mismatches: string[];
  /** Datasets whose stored size we could not tell (null), out of all datasets. */
  storedSizeUnknown: number;
  datasets: number;
}

/** Mismatches kept per object, so one broken column does not flood the report. */
const MAX_PER_OBJECT = 3;
/** Reference datasets are dumped whole by h5dump (it ignores subsets for them): cap their size. */
const MAX_WHOLE_ELEMENTS = 20_000;

export function h5dump(args: string[]): string {
  // -e escapes quotes and control characters in strings; %.17g prints every float exactly.
  const result = spawnSync('h5dump', ['-w', '0', '-e', '-m', '%.17g', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (result.error) throw result.error;
  return result.stdout;
}

interface SlicePlan {
  path: string;
  info: DatasetInfo;
  /** h5dump arguments after `-d path`; empty for a whole read. */
  args: string[];
  selection: Selection;
}

export async function compareWithH5dump(file: string, reader: DataReader): Promise<FileComparison> {
  const report: FileComparison = {
    objects: 0,
    attributes: 0,
    values: 0,
    mismatches: [],
    storedSizeUnknown: 0,
    datasets: 0,
  };
  const [root] = parseDdl(h5dump(['-p', '-A', file]));
  if (!root) throw new Error(`h5dump printed nothing for ${file}`);
  const plans: SlicePlan[] = [];
  await compareGroup(reader, root, '/', report, plans);
  await compareSlices(reader, file, plans, report);
  return report;
}

function childPath(parent: string, name: string): string {
  return parent === '/' ? `/${name}` : `${parent}/${name}`;
}

async function compareGroup(
  reader: DataReader,
  group: DdlObject,
  path: string,
  report: FileComparison,
  plans: SlicePlan[],
): Promise<void> {
  report.objects++;
  await compareAttributes(reader, group, path, report);
  const children = await reader.listChildren(path);
  const ours = new Map(children.map((c) => [c.name, c]));
  const theirs = new Set(group.children.map((c) => c.name));
  for (const child of children) {
    if (!theirs.has(child.name))
      report.mismatches.push(`${child.path}: listed by us, not by h5dump`);
  }
  for (const child of group.children) {
    const full = childPath(path, child.name);
    const mine = ours.get(child.name);
    if (!mine) {
      report.mismatches.push(`${full}: listed by h5dump (${child.kind}), not by us`);
      continue;
    }
    if (mine.kind !== child.kind) {
      report.mismatches.push(`${full}: kind ${mine.kind}, h5dump ${child.kind}`);
      continue;
    }
    if (child.kind === 'soft-link' || child.kind === 'external-link') {
      report.objects++;
      if (mine.link?.target !== child.target || mine.link?.file !== child.file) {
        report.mismatches.push(
          `${full}: link ${JSON.stringify(mine.link)}, h5dump ${child.target}`,
        );
      }
    } else if (child.hardlink) {
      report.objects++; // a second link to an object compared where h5dump first met it
    } else if (child.kind === 'group') {
      await compareGroup(reader, child, full, report, plans);
    } else if (child.kind === 'dataset') {
      await compareDataset(reader, child, full, report, plans);
    } else {
      report.objects++;
    }
  }
}

async function compareAttributes(
  reader: DataReader,
  object: DdlObject,
  path: string,
  report: FileComparison,
): Promise<void> {
  const attributes = await reader.getAttributes(path);
  const ours = new Map(attributes.map((a) => [a.name, a]));
  if (attributes.length !== object.attributes.length) {
    const names = attributes.map((a) => a.name).join(', ');
    report.mismatches.push(
      `${path}: attributes [${names}], h5dump has ${object.attributes.length}`,
    );
  }
  for (const attribute of object.attributes) {
    report.attributes++;
    const where = `${path} @${attribute.name}`;
    const mine = ours.get(attribute.name);
    if (!mine) {
      report.mismatches.push(`${where}: missing`);
      continue;
    }
    const problems: string[] = [];
    if (attribute.type) compareType(mine.dtype, attribute.type, '', problems);
    const dims = attribute.space?.kind === 'null' ? null : (attribute.space?.dims ?? null);
    if (JSON.stringify(mine.shape) !== JSON.stringify(dims)) {
      problems.push(`shape ${JSON.stringify(mine.shape)}, h5dump ${JSON.stringify(dims)}`);
    }
    if (mine.error) problems.push(mine.error);
    else if (attribute.data) {
      const scalar = mine.shape !== null && mine.shape.length === 0;
      const elements = scalar ? [mine.value] : elementsOf(mine.value);
      compareElements(elements, attribute.data, mine.dtype, problems, report);
    }
    for (const problem of problems.slice(0, MAX_PER_OBJECT)) {
      report.mismatches.push(`${where}: ${problem}`);
    }
  }
}

async function compareDataset(
  reader: DataReader,
  dataset: DdlObject,
  path: string,
  report: FileComparison,
  plans: SlicePlan[],
): Promise<void> {
  report.objects++;
  report.datasets++;
  await compareAttributes(reader, dataset, path, report);
  const info = await reader.describeDataset(path);
  const problems: string[] = [];
  if (dataset.type) compareType(info.dtype, dataset.type, '', problems);
  const space = dataset.space;
  const shape = space?.kind === 'null' ? null : (space?.dims ?? null);
  const maxshape = space?.kind === 'null' ? null : (space?.maxdims ?? null);
  if (JSON.stringify(info.shape) !== JSON.stringify(shape)) {
    problems.push(`shape ${JSON.stringify(info.shape)}, h5dump ${JSON.stringify(shape)}`);
  }
  if (space?.kind === 'simple' && JSON.stringify(info.maxshape) !== JSON.stringify(maxshape)) {
    problems.push(`maxshape ${JSON.stringify(info.maxshape)}, h5dump ${JSON.stringify(maxshape)}`);
  }
  const chunks = dataset.layout?.chunks ?? null;
  if (JSON.stringify(info.chunks) !== JSON.stringify(chunks)) {
    problems.push(`chunks ${JSON.stringify(info.chunks)}, h5dump ${JSON.stringify(chunks)}`);
  }
  const filters = info.filters.map((f) => f.id);
  if (JSON.stringify(filters) !== JSON.stringify(dataset.filters ?? [])) {
    problems.push(`filters ${filters}, h5dump ${dataset.filters}`);
  }
  if (info.storedBytes === null) report.storedSizeUnknown++;
  else if (dataset.layout?.size != null && info.storedBytes !== dataset.layout.size) {
    problems.push(`stored bytes ${info.storedBytes}, h5dump ${dataset.layout.size}`);
  }
  for (const problem of problems.slice(0, MAX_PER_OBJECT)) {
    report.mismatches.push(`${path}: ${problem}`);
  }
  if (problems.length === 0) plans.push(...slicePlans(path, info));
}

/** First, last and strided slices, a few dozen elements each; one whole read when h5dump needs it. */
function slicePlans(path: string, info: DatasetInfo): SlicePlan[] {
  const shape = info.shape;
  if (shape === null || info.elementCount === 0) return [];
  if (shape.length === 0) return [{ path, info, args: [], selection: [] }];
  if (holdsReferences(info.dtype)) {
    if (info.elementCount > MAX_WHOLE_ELEMENTS) return [];
    return [{ path, info, args: [], selection: shape.map((n) => ({ start: 0, stop: n })) }];
  }
  const counts = shape.map((n, k) => Math.min(n, shape.length === 1 ? 20 : k === 0 ? 6 : 4));
  const strides = shape.map((n, k) => Math.max(1, Math.floor(n / counts[k])));
  const plan = (starts: number[], steps: number[]): SlicePlan => ({
    path,
    info,
    args: ['-s', starts.join(','), '-c', counts.join(','), '-S', steps.join(',')],
    selection: starts.map((start, k) => ({
      start,
      stop: start + (counts[k] - 1) * steps[k] + 1,
      step: steps[k],
    })),
  });
  const ones = shape.map(() => 1);
  return [
    plan(
      shape.map(() => 0),
      ones,
    ),
    plan(
      shape.map((n, k) => n - counts[k]),
      ones,
    ),
    plan(
      shape.map(() => 0),
      strides,
    ),
  ];
}

function holdsReferences(dtype: DtypeInfo): boolean {
  if (dtype.class === 'reference') return true;
  if (dtype.members?.some((m) => holdsReferences(m.dtype))) return true;
  return dtype.base ? holdsReferences(dtype.base) : false;
}

async function compareSlices(
  reader: DataReader,
  file: string,
  plans: SlicePlan[],
  report: FileComparison,
): Promise<void> {
  // Batches keep the command line well under the kernel's limit on a file with many datasets.
  for (let from = 0; from < plans.length; from += 200) {
    const batch = plans.slice(from, from + 200);
    const args = ['-A', '0', ...batch.flatMap((p) => ['-d', p.path, ...p.args]), file];
    const dumped = parseDdl(h5dump(args));
    let next = 0;
    for (const plan of batch) {
      const found = dumped.slice(next).findIndex((d) => d.name === plan.path);
      const problems: string[] = [];
      if (found < 0 || !dumped[next + found].data) {
        problems.push('h5dump printed no data');
      } else {
        const data = dumped[next + found].data!;
        next += found + 1;
        try {
          const slice = await reader.readSlice(plan.path, plan.selection);
          compareElements(elementsOf(slice.values), data, plan.info.dtype, problems, report);
        } catch (error) {
          problems.push(`read failed: ${asExplorerError(error).message}`);
        }
      }
      const where = `${plan.path}[${plan.args.join(' ') || 'all'}]`;
      for (const problem of problems.slice(0, MAX_PER_OBJECT)) {
        report.mismatches.push(`${where}: ${problem}`);
      }
    }
  }
}

function elementsOf(value: Value | Value[]): Value[] {
  if (ArrayBuffer.isView(value)) {
    return Array.from(value as unknown as ArrayLike<number | bigint>);
  }
  return Array.isArray(value) ? value : [value];
}

function compareElements(
  ours: Value[],
  theirs: DdlValue[],
  dtype: DtypeInfo,
  problems: string[],
  report: FileComparison,
): void {
  if (dtype.class === 'array') {
    ours = ours.flatMap(flattenDeep);
    theirs = theirs.flatMap(flattenDdl);
    dtype = dtype.base ?? dtype;
  }
  if (ours.length !== theirs.length) {
    problems.push(`${ours.length} values, h5dump ${theirs.length}`);
    return;
  }
  ours.forEach((value, i) => {
    const problem = compareElement(value, theirs[i], dtype, report);
    if (problem) problems.push(`[${i}] ${problem}`);
  });
}

function flattenDeep(value: Value): Value[] {
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  return Array.isArray(value) ? value.flatMap(flattenDeep) : [value];
}

function flattenDdl(value: DdlValue): DdlValue[] {
  return value.t === 'list' ? value.items.flatMap(flattenDdl) : [value];
}

function show(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

/** One element against h5dump's; null when they agree. */
function compareElement(
  ours: Value,
  theirs: DdlValue,
  dtype: DtypeInfo,
  report: FileComparison,
): string | null {
  const mismatch = `ours ${show(ours)}, h5dump ${show(theirs)}`;
  switch (dtype.class) {
    case 'int':
    case 'uint':
    case 'float':
    case 'bool':
    case 'enum': {
      if (theirs.t !== 'word') return mismatch;
      report.values++;
      return sameNumber(ours, theirs.text, dtype) ? null : mismatch;
    }
    case 'string': {
      report.values++;
      if (theirs.t !== 'string' || typeof ours !== 'string') return mismatch;
      return trimNul(ours) === trimNul(theirs.text) ? null : mismatch;
    }
    case 'reference': {
      report.values++;
      if (typeof ours !== 'object' || ours === null || !('kind' in ours)) return mismatch;
      if (theirs.t === 'object-ref' && ours.kind === 'object-ref') {
        return ours.path === theirs.path ? null : mismatch;
      }
      if (theirs.t === 'region-ref' && ours.kind === 'region-ref') {
        const region = ours.selection ? regionText(ours.selection) : null;
        // h5dump prints no selection for a region inside a compound, nor for "all".
        const sameRegion =
          theirs.region === null ? ours.selection !== null : region === theirs.region;
        return ours.path === theirs.path && sameRegion ? null : mismatch;
      }
      return mismatch;
    }
    case 'compound': {
      const members = dtype.members ?? [];
      if (theirs.t !== 'list' || !Array.isArray(ours) || ours.length !== members.length) {
        return mismatch;
      }
      if (theirs.items.length !== members.length) return mismatch;
      const problems = members
        .map((m, k) => compareElement(ours[k], theirs.items[k], m.dtype, report))
        .filter((p) => p !== null);
      return problems.length ? `${members.length}-member record: ${problems[0]}` : null;
    }
    case 'vlen': {
      if (theirs.t !== 'list') return mismatch;
      const problems: string[] = [];
      compareElements(elementsOf(ours), theirs.items, dtype.base ?? dtype, problems, report);
      return problems[0] ?? null;
    }
    default:
      // Opaque and bitfield values are printed in h5dump's own notation: not compared.
      return null;
  }
}

function trimNul(text: string): string {
  return text.replace(/\0+$/, '');
}

function sameNumber(ours: Value, text: string, dtype: DtypeInfo): boolean {
  if (dtype.class === 'bool' || dtype.class === 'enum') {
    const value = dtype.enumValues?.[text.replace(/^"|"$/g, '')];
    const mine = typeof ours === 'boolean' ? Number(ours) : Number(ours);
    return value !== undefined ? value === mine : Number(text) === mine;
  }
  if (typeof ours !== 'number' && typeof ours !== 'bigint') return false;
  if (dtype.class === 'float') {
    const expected = parseFloatText(text);
    const actual = Number(ours);
    if (Number.isNaN(expected) || Number.isNaN(actual)) {
      return Number.isNaN(expected) && Number.isNaN(actual);
    }
    // With %.17g, h5dump's text is the exact value (float32 widened to float64, as ours is).
    return Object.is(expected, actual) || expected === actual;
  }
  try {
    return BigInt(text) === BigInt(ours);
  } catch {
    return false;
  }
}

function parseFloatText(text: string): number {
  const lower = text.toLowerCase();
  if (lower.includes('nan')) return NaN;
  if (lower.includes('inf')) return lower.startsWith('-') ? -Infinity : Infinity;
  return Number(text);
}

/** A selection as h5dump prints a region: `BLOCK(0)-(3),(4)-(7)` or `POINT(1),(3)`. */
export function regionText(selection: RegionSelection): string {
  switch (selection.kind) {
    case 'hyperslab':
      return 'BLOCK' + selection.blocks.map((b) => `(${b.start})-(${b.end})`).join(',');
    case 'points':
      return 'POINT' + selection.points.map((p) => `(${p})`).join(',');
    default:
      return selection.kind.toUpperCase();
  }
}

/** Our datatype against h5dump's; problems are appended. */
function compareType(ours: DtypeInfo, theirs: DdlType, where: string, problems: string[]): void {
  const say = (what: string) => problems.push(`dtype${where}: ${what}`);
  switch (theirs.class) {
    case 'int':
    case 'uint':
    case 'float':
    case 'bitfield':
      if (ours.class !== theirs.class || ours.size !== theirs.size) {
        say(`${ours.description}, h5dump ${theirs.class}${(theirs.size ?? 0) * 8}`);
      } else if (theirs.class !== 'bitfield' && ours.littleEndian !== theirs.littleEndian) {
        say(`little-endian ${ours.littleEndian}, h5dump ${theirs.littleEndian}`);
      }
      return;
    case 'string':
      if (ours.class !== 'string') say(`${ours.description}, h5dump string`);
      else if (!theirs.variable && ours.size !== theirs.size) {
        say(`string of ${ours.size}, h5dump ${theirs.size}`);
      } else if (!!theirs.variable !== ours.description.includes('variable')) {
        say(`${ours.description}, h5dump variable ${theirs.variable}`);
      }
      return;
    case 'reference':
      if (ours.class !== 'reference' || ours.refKind !== theirs.refKind) {
        say(`${ours.description}, h5dump ${theirs.refKind} reference`);
      }
      return;
    case 'enum': {
      if (ours.class !== 'enum' && ours.class !== 'bool') say(`${ours.description}, h5dump enum`);
      const labels = Object.keys(theirs.enumValues ?? {}).sort();
      if (JSON.stringify(Object.keys(ours.enumValues ?? {}).sort()) !== JSON.stringify(labels)) {
        say(`enum labels ${Object.keys(ours.enumValues ?? {})}, h5dump ${labels}`);
      }
      return;
    }
    case 'compound': {
      const members = theirs.members ?? [];
      const names = (ours.members ?? []).map((m) => m.name);
      if (ours.class !== 'compound' || names.join() !== members.map((m) => m.name).join()) {
        say(`${ours.description}, h5dump compound of ${members.map((m) => m.name)}`);
        return;
      }
      members.forEach((m, k) =>
        compareType(ours.members![k].dtype, m.type, `${where}.${m.name}`, problems),
      );
      return;
    }
    case 'vlen':
    case 'array':
      if (ours.class !== theirs.class || !ours.base || !theirs.base) {
        say(`${ours.description}, h5dump ${theirs.class}`);
        return;
      }
      compareType(ours.base, theirs.base, `${where}[]`, problems);
      return;
    case 'opaque':
      if (ours.class !== 'opaque') say(`${ours.description}, h5dump opaque`);
      return;
    default:
      // Named (committed) datatypes are printed by path: the type itself is compared where it lives.
      return;
  }
}
