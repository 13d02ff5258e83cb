/**
 * One table cell, as text a person reads: numbers and strings plainly, object references as links,
 * region rows with their target's label (a link to that row of the target table), ragged and
 * array values as a count and the first values that expand on click, numeric rows as a small
 * inline plot, problems as a plain warning. File text is rendered as text, never as HTML.
 */
import { useState } from 'react';
import { isCellProblem, type Cell, type RegionLabels, type TableColumn } from '../../../nwb/table';
import type { Value } from '../../../reader/contract';
import { regionRows } from './usePageCells';

export interface CellViewProps {
  column: TableColumn;
  cell: Cell | undefined;
  region?: RegionLabels;
  onNavigate(path: string): void;
  onFollowRegion(target: string, id: Cell | undefined): void;
}

const PREVIEW = 4;
const EXPANDED_MAX = 500;

export function formatScalar(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return String(value);
    return Number(value.toPrecision(6)).toString();
  }
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && 'kind' in value) {
    const ref = value as { kind: string; path: string | null };
    return ref.path ?? '(unresolved reference)';
  }
  return JSON.stringify(value);
}

function isRef(
  value: unknown,
): value is { kind: 'object-ref' | 'region-ref'; path: string | null } {
  return typeof value === 'object' && value !== null && 'kind' in value && !isCellProblem(value);
}

function listOf(cell: Cell): unknown[] | null {
  if (ArrayBuffer.isView(cell)) return Array.from(cell as ArrayLike<unknown>);
  return Array.isArray(cell) ? cell : null;
}

export function CellView({ column, cell, region, onNavigate, onFollowRegion }: CellViewProps) {
  if (cell === undefined) return <span className="table-cell__loading">…</span>;
  if (isCellProblem(cell)) {
    return (
      <span className="table-cell__problem" title={cell.message}>
        ⚠ {cell.message}
      </span>
    );
  }
  if (region) return <RegionCell cell={cell} region={region} onFollow={onFollowRegion} />;
  if (isRef(cell)) {
    return cell.path ? (
      <button type="button" className="link-button" onClick={() => onNavigate(cell.path as string)}>
        {cell.path}
      </button>
    ) : (
      <span className="muted">(unresolved reference)</span>
    );
  }
  const list = listOf(cell);
  if (list === null) return <span>{formatScalar(cell)}</span>;
  if (column.dtype.class === 'compound' && column.shape === 'scalar') {
    return <CompoundCell column={column} values={list as Value[]} onNavigate={onNavigate} />;
  }
  return <ListCell values={list} numeric={ArrayBuffer.isView(cell)} />;
}

function CompoundCell({
  column,
  values,
  onNavigate,
}: {
  column: TableColumn;
  values: Value[];
  onNavigate(path: string): void;
}) {
  const members = column.dtype.members ?? [];
  return (
    <span className="table-cell__compound">
      {members.map((m, i) => {
        const v = values[i];
        const empty = Array.isArray(v) && v.length === 0;
        return (
          <span key={m.name}>
            {m.name}=
            {isRef(v) && v.path ? (
              <button
                type="button"
                className="link-button"
                onClick={() => onNavigate(v.path as string)}
              >
                {v.path}
              </button>
            ) : empty && m.dtype.class === 'reference' ? (
              <span className="muted" title="This reference could not be decoded by this version.">
                (not decoded)
              </span>
            ) : (
              formatScalar(v)
            )}{' '}
          </span>
        );
      })}
    </span>
  );
}

function ListCell({ values, numeric }: { values: unknown[]; numeric: boolean }) {
  const [open, setOpen] = useState(false);
  const nested = values.some((v) => Array.isArray(v) || ArrayBuffer.isView(v));
  const text = (v: unknown) =>
    Array.isArray(v) || ArrayBuffer.isView(v)
      ? `[${Array.from(v as ArrayLike<unknown>, formatScalar).join(', ')}]`
      : formatScalar(v);
  const preview = values.slice(0, PREVIEW).map(text).join(', ');
  return (
    <span className="table-cell__list">
      <button
        type="button"
        className="table-cell__toggle"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        title={open ? 'Show less' : 'Show all values'}
      >
        {values.length} {nested ? 'lists' : 'values'}
      </button>{' '}
      {numeric && values.length > 1 && <Sparkline values={values as number[]} />}
      {open ? (
        <span className="table-cell__all">
          {values.slice(0, EXPANDED_MAX).map(text).join(', ')}
          {values.length > EXPANDED_MAX && ` … (${values.length - EXPANDED_MAX} more)`}
        </span>
      ) : (
        <span className="muted">
          {preview}
          {values.length > PREVIEW ? ', …' : ''}
        </span>
      )}
    </span>
  );
}

function Sparkline({ values }: { values: number[] }) {
  const numbers = values.map(Number).filter(Number.isFinite);
  if (numbers.length < 2) return null;
  const min = Math.min(...numbers);
  const max = Math.max(...numbers);
  const w = 60;
  const h = 16;
  const points = numbers
    .map((v, i) => {
      const x = (i / (numbers.length - 1)) * w;
      const y = max === min ? h / 2 : h - ((v - min) / (max - min)) * h;
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
  return (
    <svg className="table-cell__spark" width={w} height={h} aria-hidden="true">
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1" />
    </svg>
  );
}

function RegionCell({
  cell,
  region,
  onFollow,
}: {
  cell: Cell;
  region: RegionLabels;
  onFollow(target: string, id: Cell | undefined): void;
}) {
  const rows = regionRows(cell);
  const name = region.target.split('/').pop();
  return (
    <span className="table-cell__region">
      {rows.slice(0, 8).map((row, i) => {
        if (row >= region.rowCount || row < 0) {
          return (
            <span
              key={i}
              className="table-cell__problem"
              title={`Row ${row} is past ${name} (${region.rowCount} rows)`}
            >
              ⚠ {row} past {name}
            </span>
          );
        }
        const label = region.labels.get(row);
        return (
          <button
            key={i}
            type="button"
            className="link-button"
            title={`Row ${row} of ${region.target}`}
            onClick={() => onFollow(region.target, region.ids.get(row))}
          >
            {row}
            {label !== undefined && !isCellProblem(label) ? ` · ${formatScalar(label)}` : ''}
          </button>
        );
      })}
      {rows.length > 8 && <span className="muted"> … {rows.length - 8} more</span>}
    </span>
  );
}
