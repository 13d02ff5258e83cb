/** An open file: title bar with the NWB summary, the tree on the left, the info pane on the right. */
import type { ReactNode } from 'react';
import type { OpenedFile } from '../../workers/ExplorerClient';
import { ReaderProvider } from '../data/ReaderContext';
import { formatBytes } from '../format/bytes';
import { InfoPane } from '../info/InfoPane';
import { NwbHeader } from '../nwb/NwbHeader';
import { TreePane } from '../tree/TreePane';

export interface ExplorerViewProps {
  file: OpenedFile;
  displayName: string;
  selectedPath: string;
  onSelect(path: string): void;
  cancelReads(): void;
  /** Navigation shown before the file name (home, back to a dandiset). */
  nav?: ReactNode;
}

export function ExplorerView({
  file,
  displayName,
  selectedPath,
  onSelect,
  cancelReads,
  nav,
}: ExplorerViewProps) {
  const { reader, summary } = file;
  return (
    <ReaderProvider reader={reader} fileKey={file.id}>
      <div className="explorer">
        <header className="explorer__header">
          <div className="explorer__title">
            {nav}
            <h1 title={summary.name}>{displayName}</h1>
            <span className="muted">
              {summary.format.toUpperCase()}
              {summary.size !== null && `, ${formatBytes(summary.size)}`}
            </span>
          </div>
          <NwbHeader reader={reader} />
          {summary.warnings?.map((warning) => (
            <p key={warning} className="notice" role="status" data-testid="file-warning">
              {warning}
            </p>
          ))}
        </header>
        <div className="explorer__panes">
          <nav className="explorer__tree" aria-label="File tree">
            <TreePane
              reader={reader}
              rootName={displayName}
              selectedPath={selectedPath}
              onSelect={onSelect}
            />
          </nav>
          <section className="explorer__info" aria-label="Selected object">
            <InfoPane
              reader={reader}
              path={selectedPath}
              onNavigate={onSelect}
              cancelReads={cancelReads}
            />
          </section>
        </div>
      </div>
    </ReaderProvider>
  );
}
