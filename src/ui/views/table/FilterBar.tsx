/** Filters on scalar columns: the active ones as removable chips, and a form to add one. */
import { useState, type FormEvent } from 'react';
import { FILTER_OPS, type FilterOp, type TableColumn, type TableFilter } from '../../../nwb/table';

export function FilterBar({
  columns,
  filters,
  onChange,
}: {
  columns: TableColumn[];
  filters: TableFilter[];
  onChange(filters: TableFilter[]): void;
}) {
  const [column, setColumn] = useState(columns[0]?.name ?? '');
  const [op, setOp] = useState<FilterOp>('=');
  const [value, setValue] = useState('');
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!column) return;
    onChange([...filters, { column, op, value }]);
    setValue('');
  };
  return (
    <div className="table-filters">
      {filters.map((f, i) => (
        <span key={i} className="table-filters__chip">
          {f.column} {f.op} {f.value}
          <button
            type="button"
            aria-label={`Remove filter ${f.column} ${f.op} ${f.value}`}
            onClick={() => onChange(filters.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </span>
      ))}
      <form className="table-filters__form" onSubmit={add} aria-label="Add a filter">
        <select
          aria-label="Filter column"
          value={column}
          onChange={(e) => setColumn(e.target.value)}
        >
          {columns.map((c) => (
            <option key={c.name}>{c.name}</option>
          ))}
        </select>
        <select
          aria-label="Filter operator"
          value={op}
          onChange={(e) => setOp(e.target.value as FilterOp)}
        >
          {FILTER_OPS.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
        <input
          aria-label="Filter value"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          size={10}
        />
        <button type="submit">Filter</button>
      </form>
    </div>
  );
}
