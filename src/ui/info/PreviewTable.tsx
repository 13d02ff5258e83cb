/**
 * A block of values as a table. 1-D: one value per row; 2-D and up: rows by the first dimension,
 * columns by the last. Compound records get a column per member.
 */
import type { DtypeInfo, NumericArray, Value } from '../../reader/contract';
import { formatValue } from '../format/values';
import { ValueView } from './ValueView';

export interface PreviewTableProps {
  shape: number[];
  values: NumericArray | Value[];
  dtype: DtypeInfo;
  /** Index of the first row in the dataset (for the row labels). */
  firstRow?: number;
  onNavigate?(path: string): void;
}

function at(values: NumericArray | Value[], index: number): Value {
  const v = values[index];
  return v === undefined ? null : (v as Value);
}

function Cell({ value, onNavigate }: { value: Value; onNavigate?(path: string): void }) {
  if (typeof value === 'number' || typeof value === 'bigint') {
    return <td className="numeric">{formatValue(value)}</td>;
  }
  return (
    <td>
      <ValueView value={value} onNavigate={onNavigate} />
    </td>
  );
}

export function PreviewTable({
  shape,
  values,
  dtype,
  firstRow = 0,
  onNavigate,
}: PreviewTableProps) {
  if (shape.length === 0) {
    return (
      <div className="preview-scalar">
        <ValueView value={at(values, 0)} onNavigate={onNavigate} />
      </div>
    );
  }
  const rows = shape[0];
  const cols = shape.length === 1 ? 1 : shape[shape.length - 1];
  const members = dtype.class === 'compound' && shape.length === 1 ? dtype.members : undefined;
  const headers: string[] = members
    ? members.map((m) => m.name)
    : shape.length === 1
      ? ['value']
      : Array.from({ length: cols }, (_, c) => String(c));
  return (
    <div className="table-scroll">
      <table className="data-table preview-table">
        <thead>
          <tr>
            <th scope="col" className="muted">
              #
            </th>
            {headers.map((h, i) => (
              <th scope="col" key={i}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, r) => {
            const record = members ? at(values, r) : null;
            return (
              <tr key={r}>
                <th scope="row" className="muted numeric">
                  {firstRow + r}
                </th>
                {members && Array.isArray(record)
                  ? members.map((_, m) => (
                      <Cell key={m} value={record[m] ?? null} onNavigate={onNavigate} />
                    ))
                  : Array.from({ length: cols }, (_, c) => (
                      <Cell key={c} value={at(values, r * cols + c)} onNavigate={onNavigate} />
                    ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
