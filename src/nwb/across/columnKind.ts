/**
 * The type of a stacked column, agreed across files. Each file's column has a kind from its dtype;
 * kinds that differ are widened when no value can change (int32 with int64, any int up to 32 bits
 * with float64, float32 with float64); otherwise the column is kept as text, so nothing is lost,
 * and the files that disagree are named.
 */
import type { TableColumn } from '../table';
import type { PlainCell } from './plainCell';

export type ColumnKind = 'int32' | 'int64' | 'float64' | 'bool' | 'string' | 'list';

export function kindOf(column: TableColumn): ColumnKind {
  if (column.raggedDepth > 0 || column.shape === 'array') return 'list';
  const { class: cls, size } = column.dtype;
  if (cls === 'int' || cls === 'uint')
    return size < 4 || (size === 4 && cls === 'int') ? 'int32' : 'int64';
  if (cls === 'float') return 'float64';
  if (cls === 'bool') return 'bool';
  return 'string';
}

/** The kind both fit in without loss, or null when there is none. */
export function widen(a: ColumnKind, b: ColumnKind): ColumnKind | null {
  if (a === b) return a;
  const pair = new Set([a, b]);
  if (pair.has('int32') && pair.has('int64')) return 'int64';
  if (pair.has('int32') && pair.has('float64')) return 'float64';
  if (pair.has('bool') && pair.has('int32')) return 'int32';
  return null;
}

export interface AgreedKind {
  kind: ColumnKind;
  /** Set when the files' kinds cannot be widened: "int64 in a.nwb, b.nwb; float64 in c.nwb". */
  conflict?: string;
}

export function agreeKinds(byFile: readonly { file: string; kind: ColumnKind }[]): AgreedKind {
  let kind: ColumnKind | null = byFile[0]?.kind ?? 'string';
  for (const { kind: k } of byFile) kind = kind && widen(kind, k);
  if (kind) return { kind };
  const groups = new Map<ColumnKind, string[]>();
  for (const { file, kind: k } of byFile) groups.set(k, [...(groups.get(k) ?? []), file]);
  const conflict = [...groups].map(([k, files]) => `${k} in ${files.join(', ')}`).join('; ');
  return { kind: 'string', conflict };
}

/** A value as the agreed kind (text for a conflict; bools as 0/1 in an integer column). */
export function castCell(value: PlainCell, kind: ColumnKind): PlainCell {
  if (value === null) return null;
  if (kind === 'string' && typeof value !== 'string') return JSON.stringify(value);
  if ((kind === 'int32' || kind === 'int64') && typeof value === 'boolean') return value ? 1 : 0;
  return value;
}
