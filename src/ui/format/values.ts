/**
 * Values from files, as short text. Everything here returns plain strings that React renders as
 * text: nothing from a file is ever interpreted as HTML.
 */
import type { RegionSelection, Selection, Value } from '../../reader/contract';
import { isNumericArray } from '../../nwb/unwrap';
import { formatCount } from './bytes';

/** Numbers compactly but without losing what matters: integers exact, floats to 6 significant digits. */
export function formatNumber(n: number | bigint): string {
  if (typeof n === 'bigint') return n.toString();
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e15)) return n.toExponential(5).replace(/\.?0+e/, 'e');
  return String(Number(n.toPrecision(6)));
}

export function formatShape(shape: number[] | null): string {
  if (shape === null) return 'null (no data)';
  if (shape.length === 0) return 'scalar';
  return `(${shape.map((n) => formatCount(n)).join(' × ')})`;
}

export function formatSelection(selection: Selection): string {
  if (selection.length === 0) return '[]';
  return `[${selection.map((r) => `${r.start}:${r.stop}${r.step && r.step !== 1 ? ':' + r.step : ''}`).join(', ')}]`;
}

/** Longest string shown inline before "…"; the full text is available on demand. */
export const MAX_INLINE_STRING = 300;

export interface FormatOptions {
  /** Items shown from an array before "… (N values)". */
  maxItems?: number;
  maxStringLength?: number;
}

function truncateString(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) + '…' : text;
}

/** One value as one line of text. Arrays are truncated with a count. */
export function formatValue(value: Value, options: FormatOptions = {}): string {
  const maxItems = options.maxItems ?? 10;
  const maxString = options.maxStringLength ?? MAX_INLINE_STRING;
  if (value === null) return 'null';
  if (typeof value === 'string') return truncateString(value, maxString);
  if (typeof value === 'number' || typeof value === 'bigint') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (isNumericArray(value))
    return formatList(Array.from(value as ArrayLike<number | bigint>), maxItems, (v) =>
      formatNumber(v),
    );
  if (Array.isArray(value)) {
    return formatList(value, maxItems, (v) =>
      typeof v === 'string'
        ? JSON.stringify(truncateString(v, 80))
        : formatValue(v, { ...options, maxItems: 4 }),
    );
  }
  if (value.kind === 'object-ref')
    return value.path === null ? '→ (unresolved reference)' : `→ ${value.path}`;
  if (value.path === null) return '→ region (unresolved)';
  const selection = value.selection ? `: ${formatRegionSelection(value.selection)}` : '';
  return `→ region of ${value.path}${selection}`;
}

/** One coordinate: a bare index in one dimension, a tuple in several. */
function formatCoordinate(coordinate: number[]): string {
  return coordinate.length === 1 ? String(coordinate[0]) : `(${coordinate.join(', ')})`;
}

/**
 * What a region reference selects, as text: inclusive index ranges for hyperslab blocks
 * ("0–3, 8–9"), indices for points ("points 1, 4, 7"), truncated with a count.
 */
export function formatRegionSelection(selection: RegionSelection, maxItems = 6): string {
  switch (selection.kind) {
    case 'all':
      return 'all elements';
    case 'none':
      return 'no elements';
    case 'points':
      return `points ${joinItems(selection.points, maxItems, formatCoordinate)}`;
    case 'hyperslab':
      return joinItems(selection.blocks, maxItems, ({ start, end }) =>
        start.every((s, k) => s === end[k])
          ? formatCoordinate(start)
          : `${formatCoordinate(start)}–${formatCoordinate(end)}`,
      );
  }
}

/** Items joined by commas, the first few only, with the total when some are left out. */
function joinItems<T>(items: T[], maxItems: number, one: (item: T) => string): string {
  const shown = items.slice(0, maxItems).map(one).join(', ');
  return items.length <= maxItems ? shown : `${shown}, … (${formatCount(items.length)} in all)`;
}

function formatList<T>(items: T[], maxItems: number, one: (item: T) => string): string {
  const shown = items.slice(0, maxItems).map(one).join(', ');
  if (items.length <= maxItems) return `[${shown}]`;
  return `[${shown}, …] (${formatCount(items.length)} values)`;
}
