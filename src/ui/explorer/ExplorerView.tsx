/**
 * An open file: title bar with the NWB summary, the tree on the left, the info pane on the right.
 * Each pane has its own error boundary, so a pane that fails leaves the others usable.
 */
import type { ReactNode } from 'react';
import type { OpenedFile } from '../clientTypes';
import { ReaderProvider } from '../data/ReaderContext';
import { PaneBoundary } from '../errors/PaneBoundary';
import { formatBytes } from '../format/bytes';
import { InfoPane } from '../info/InfoPane';
import { NwbHeader } from '../nwb/NwbHeader';
import { TreePane } from '../tree/TreePane';

export interface ExplorerViewProps {
  file: OpenedFile;
  displayName: string;
  selectedPath: string;
  onSelect(path: string): void;
  /** Navigation shown before the file name (home, back to a dandiset). */
  nav?: ReactNode;
}

export function ExplorerView({
  file,
  displayName,
  selectedPath,
  onSelect,
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
          <PaneBoundary context="The file header failed" inline>
            <NwbHeader />
          </PaneBoundary>
          {summary.warnings?.map((warning) => (
            <p key={warning} className="notice" role="status" data-testid="file-warning">
              {warning}
            </p>
          ))}
        </header>
        <div className="explorer__panes">
          <nav className="explorer__tree" aria-label="File tree">
            <PaneBoundary context="The tree failed">
              <TreePane rootName={displayName} selectedPath={selectedPath} onSelect={onSelect} />
            </PaneBoundary>
          </nav>
          <section className="explorer__info" aria-label="Selected object">
            <PaneBoundary context={`Could not show ${selectedPath}`} resetKey={selectedPath}>
              <InfoPane path={selectedPath} onNavigate={onSelect} />
            </PaneBoundary>
          </section>
        </div>
      </div>
    </ReaderProvider>
  );
}
