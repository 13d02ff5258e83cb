/** Which columns are shown: every column with a checkbox; ragged and array ones start hidden. */
import type { TableColumn } from '../../../nwb/table';

export function defaultColumns(columns: TableColumn[]): string[] {
  return columns.filter((c) => c.shape === 'scalar' && c.readable).map((c) => c.name);
}

function kindLabel(column: TableColumn): string {
  if (column.raggedDepth === 2) return 'doubly ragged';
  if (column.raggedDepth === 1) return column.regionTarget ? 'ragged region' : 'ragged';
  if (column.shape === 'array') return `array ${column.dataShape.slice(1).join('×')}`;
  if (column.regionTarget) return 'region';
  return column.dtype.description;
}

export function ColumnPicker({
  columns,
  shown,
  onChange,
}: {
  columns: TableColumn[];
  shown: string[];
  onChange(shown: string[]): void;
}) {
  const toggle = (name: string) => {
    const next = shown.includes(name) ? shown.filter((n) => n !== name) : [...shown, name];
    // Keep the table's column order whatever the clicking order.
    onChange(columns.map((c) => c.name).filter((n) => next.includes(n)));
  };
  return (
    <details className="table-columns">
      <summary>
        Columns ({shown.length}/{columns.length})
      </summary>
      <ul>
        {columns.map((c) => (
          <li key={c.name}>
            <label title={c.description ?? undefined}>
              <input
                type="checkbox"
                checked={shown.includes(c.name)}
                onChange={() => toggle(c.name)}
              />{' '}
              {c.name} <span className="muted">({kindLabel(c)})</span>
              {c.problem && <span className="table-cell__problem"> ⚠ {c.problem}</span>}
            </label>
          </li>
        ))}
      </ul>
    </details>
  );
}
