/** A drop target plus "choose file" and "choose folder" pickers; hands over what was collected. */
import { useRef, useState, type DragEvent } from 'react';
import { collectDropped, collectPicked, type CollectedFile } from './collectFiles';

export interface DropZoneProps {
  onFiles(files: CollectedFile[]): void;
  /** What to drop, in words (the opening screen's when absent). */
  prompt?: string;
}

export function DropZone({ onFiles, prompt }: DropZoneProps) {
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    setBusy(true);
    collectDropped(event.dataTransfer)
      .then(onFiles)
      .finally(() => setBusy(false));
  };

  return (
    <div
      className={`drop-zone${over ? ' drop-zone--over' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid="drop-zone"
    >
      <p>
        {busy ? 'Reading the dropped folder…' : (prompt ?? 'Drop an NWB file or a folder here')}
        <br />
        <span className="muted">
          Files stay on your computer; only the parts you look at are read.
        </span>
      </p>
      <div className="drop-zone__buttons">
        <button type="button" className="button" onClick={() => fileInput.current?.click()}>
          Choose file…
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => folderInput.current?.click()}
        >
          Choose folder…
        </button>
      </div>
      <input
        ref={fileInput}
        type="file"
        hidden
        multiple
        accept=".nwb,.h5,.hdf5,.hdf"
        aria-label="Choose a local NWB file"
        onChange={(e) => {
          onFiles(collectPicked(e.target.files));
          e.target.value = '';
        }}
      />
      <input
        ref={folderInput}
        type="file"
        hidden
        aria-label="Choose a local folder"
        // webkitdirectory is not in React's typings; the spread keeps TypeScript strict elsewhere.
        {...{ webkitdirectory: '' }}
        onChange={(e) => {
          onFiles(collectPicked(e.target.files));
          e.target.value = '';
        }}
      />
    </div>
  );
}
