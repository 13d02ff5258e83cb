/**
 * A drop target plus "choose file" and "choose folder" pickers; hands over what was collected,
 * with the File System Access handles when the browser gives them (a drop in Chromium, or its
 * native pickers), so the file can be reopened after a reload. Without them (Firefox, Safari)
 * the pickers are plain file inputs.
 */
import { useRef, useState, type DragEvent } from 'react';
import { collectDropped, collectPicked, type CollectedFile } from './collectFiles';
import {
  filesOfHandles,
  handlesOfDrop,
  hasNativePicker,
  pickHandles,
  type StoredHandle,
} from './fileHandles';

export interface DropZoneProps {
  onFiles(files: CollectedFile[], handles: StoredHandle[] | null): void;
  /** What to drop, in words (the opening screen's when absent). */
  prompt?: string;
}

export function DropZone({ onFiles, prompt }: DropZoneProps) {
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const [error, setError] = useState<string | null>(null);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    setBusy(true);
    setError(null);
    // Both read the drop's items, which go stale when this handler returns: start both now.
    const handles = handlesOfDrop(event.dataTransfer);
    Promise.all([collectDropped(event.dataTransfer), handles])
      .then(([files, h]) => onFiles(files, h))
      .finally(() => setBusy(false));
  };

  /** The native picker where there is one (its handles can be remembered), else the input. */
  const pick = (kind: 'file' | 'folder', input: HTMLInputElement | null) => {
    setError(null);
    if (!hasNativePicker(kind)) return input?.click();
    pickHandles(kind)
      .then(async (handles) => {
        if (handles.length === 0) return; // cancelled
        setBusy(true);
        onFiles(await filesOfHandles(handles), handles);
      })
      .catch((e: unknown) => setError(`Could not read the choice: ${String(e)}`))
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
        <button type="button" className="button" onClick={() => pick('file', fileInput.current)}>
          Choose file…
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => pick('folder', folderInput.current)}
        >
          Choose folder…
        </button>
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <input
        ref={fileInput}
        type="file"
        hidden
        multiple
        accept=".nwb,.h5,.hdf5,.hdf"
        aria-label="Choose a local NWB file"
        onChange={(e) => {
          onFiles(collectPicked(e.target.files), null);
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
          onFiles(collectPicked(e.target.files), null);
          e.target.value = '';
        }}
      />
    </div>
  );
}
