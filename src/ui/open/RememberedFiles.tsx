/**
 * Local files this browser remembers (their File System Access handles, kept in IndexedDB on
 * this device only): each can be reopened without dropping it again, or forgotten.
 */
import type { StoredHandle } from './fileHandles';

/** What dropping or picking a local file left to reopen it after a reload. */
export interface LocalHandles {
  /** What was dropped or picked: files and folders, as the browser handed them over. */
  handles: StoredHandle[];
  /** Path of the opened file among them (as collected); absent when a Zarr folder was opened. */
  chosen?: string;
}

export interface RememberedFile extends LocalHandles {
  /** The name the address gives it (`local=`): the opened file's or the Zarr folder's. */
  name: string;
  /** When it was last opened (ms since 1970), for the order of the list. */
  openedAt: number;
}

export interface RememberedFilesProps {
  files: RememberedFile[];
  /** False where the browser has no File System Access API (Firefox, Safari). */
  supported: boolean;
  busy: string | null;
  onReopen(file: RememberedFile): void;
  onForget(name: string): void;
}

export function RememberedFiles({
  files,
  supported,
  busy,
  onReopen,
  onForget,
}: RememberedFilesProps) {
  if (!supported) {
    return (
      <p className="muted" data-testid="remember-unsupported">
        This browser cannot remember local files (it lacks the File System Access API; Chromium
        based browsers have it): after a reload, drop the file again.
      </p>
    );
  }
  if (files.length === 0) {
    return (
      <p className="muted">
        Files you open here are remembered on this device, so a reload can reopen them.
      </p>
    );
  }
  return (
    <div className="remembered" aria-labelledby="remembered-title">
      <h3 id="remembered-title">Remembered on this device</h3>
      <ul>
        {files.map((file) => (
          <li key={file.name}>
            <button
              type="button"
              className="link-button"
              disabled={busy !== null}
              onClick={() => onReopen(file)}
            >
              Reopen {file.name}
            </button>
            <button
              type="button"
              className="link-button muted"
              aria-label={`Forget ${file.name}`}
              onClick={() => onForget(file.name)}
            >
              forget
            </button>
          </li>
        ))}
      </ul>
      <p className="muted">
        Only this browser on this device keeps them: a handle to each file, never a copy. A shared
        link to one asks for the file instead.
      </p>
    </div>
  );
}
