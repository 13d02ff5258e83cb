/** Export of the current view (with progress and cancel) and "Copy as Python". */
import { useRef, useState } from 'react';
import type { TableColumn, TableModel, TableQuery } from '../../../nwb/table';
import { useReader } from '../../data/ReaderContext';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { encodeExport, readExportCells, type ExportFormat } from './exportTable';
import { pythonSnippet } from './pythonSnippet';

type ExportState =
  | { status: 'idle' }
  | { status: 'running'; format: ExportFormat; done: number; total: number }
  | { status: 'failed'; error: unknown };

function fileUrl(): string {
  const params = new URLSearchParams(window.location.search);
  const url = params.get('url');
  if (!url) return '<URL or path of this file>';
  return new URL(url, window.location.href).href;
}

function download(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

const FORMAT_NAMES = { csv: 'CSV', json: 'JSON', parquet: 'Parquet' } as const;

export function TableActions({
  path,
  model,
  columns,
  query,
  order,
}: {
  path: string;
  model: TableModel;
  columns: TableColumn[];
  query: TableQuery;
  order: number[] | null;
}) {
  const reader = useReader();
  const [state, setState] = useState<ExportState>({ status: 'idle' });
  const [snippet, setSnippet] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);

  const run = async (format: ExportFormat) => {
    const ac = new AbortController();
    controller.current = ac;
    const rows = order ?? Array.from({ length: model.rowCount }, (_, i) => i);
    try {
      const cells = await readExportCells(
        reader,
        columns,
        rows,
        (done, total) => setState({ status: 'running', format, done, total }),
        ac.signal,
      );
      const name = `${path.split('/').filter(Boolean).join('_') || 'table'}.${format}`;
      download(await encodeExport(format, columns, cells), name);
      setState({ status: 'idle' });
    } catch (error) {
      setState(ac.signal.aborted ? { status: 'idle' } : { status: 'failed', error });
    }
  };

  const copyPython = async () => {
    const text = pythonSnippet(
      fileUrl(),
      path,
      columns.map((c) => c.name),
      query,
    );
    setSnippet(text);
    await navigator.clipboard?.writeText(text).catch(() => undefined);
  };

  return (
    <div className="table-actions">
      {state.status === 'running' ? (
        <>
          <span role="status">
            Exporting {FORMAT_NAMES[state.format]}… {state.done}/{state.total} rows
          </span>
          <progress max={state.total || 1} value={state.done} />
          <button type="button" onClick={() => controller.current?.abort()}>
            Cancel
          </button>
        </>
      ) : (
        <>
          <span className="muted">Export</span>
          {(['csv', 'json', 'parquet'] as const).map((format) => (
            <button key={format} type="button" onClick={() => void run(format)}>
              {FORMAT_NAMES[format]}
            </button>
          ))}
        </>
      )}
      <button type="button" onClick={() => void copyPython()}>
        Copy as Python
      </button>
      {state.status === 'failed' && (
        <ErrorMessage error={state.error} context="The export failed" inline />
      )}
      {snippet && (
        <details open>
          <summary>Python</summary>
          <pre data-testid="python-snippet">{snippet}</pre>
        </details>
      )}
    </div>
  );
}
