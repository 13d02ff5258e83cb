/**
 * Reopening a remembered local file: the browser's read permission first (asked only in a click,
 * since the prompt needs one), then its files read back from the handles and opened as a drop of
 * them would be. After a reload that names a remembered file, one silent attempt is made: if the
 * browser still grants access, the file opens with no click at all.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CollectedFile } from './collectFiles';
import {
  filesOfHandles,
  handlePermission,
  isGoneError,
  type HandlePermission,
  type StoredHandle,
} from './fileHandles';
import type { RememberedFile } from './RememberedFiles';

export interface ReopenOptions {
  remembered: RememberedFile[] | null;
  /** The local file the address names (after a reload). */
  pendingName: string | undefined;
  /** Opens what the handles hold; `path` is the file opened last time. */
  onFiles(files: CollectedFile[], handles: StoredHandle[], path: string | undefined): void;
  onForget(name: string): void;
}

export interface Reopen {
  /** What the last attempt has to say (refused, moved), or null. */
  note: string | null;
  /** Name of the file being reopened now. */
  busy: string | null;
  /** From a click: asks the browser's permission when it must. */
  reopen(file: RememberedFile): void;
}

/** The weakest permission among the handles (each is asked in turn, within the same click). */
async function allowed(handles: StoredHandle[], ask: boolean): Promise<HandlePermission> {
  try {
    for (const handle of handles) {
      const permission = await handlePermission(handle, ask);
      if (permission !== 'granted') return permission;
    }
    return 'granted';
  } catch {
    // A handle the browser no longer accepts (e.g. its file system is gone) reads as refused.
    return 'denied';
  }
}

export function useReopen({ remembered, pendingName, onFiles, onForget }: ReopenOptions): Reopen {
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  /** What follows the browser's answer about permission. */
  const proceed = useCallback(
    async (file: RememberedFile, ask: boolean, permission: HandlePermission) => {
      setNote(null);
      if (permission !== 'granted') {
        // Not asked yet (no click): the Reopen button stays, and says enough.
        if (ask || permission === 'denied') {
          setNote(
            `Reading ${file.name} was not allowed. Drop it here instead, or click Reopen to be asked again.`,
          );
        }
        return;
      }
      setBusy(file.name);
      try {
        const files = await filesOfHandles(file.handles);
        if (file.chosen !== undefined && !files.some((f) => f.relativePath === file.chosen)) {
          throw new DOMException(`${file.chosen} is not in the folder any more`, 'NotFoundError');
        }
        onFiles(files, file.handles, file.chosen);
      } catch (e) {
        if (isGoneError(e)) {
          onForget(file.name);
          setNote(
            `${file.name} is no longer where it was (moved, renamed or deleted), so it was forgotten. Drop it here to open it again.`,
          );
        } else {
          setNote(`Could not reopen ${file.name}: ${e instanceof Error ? e.message : String(e)}`);
        }
      } finally {
        setBusy(null);
      }
    },
    [onFiles, onForget],
  );

  // One silent attempt per reload that names a remembered file.
  const tried = useRef<string | null>(null);
  useEffect(() => {
    if (!pendingName || !remembered || tried.current === pendingName) return;
    const file = remembered.find((r) => r.name === pendingName);
    if (!file) return;
    tried.current = pendingName;
    void allowed(file.handles, false).then((permission) => proceed(file, false, permission));
  }, [pendingName, remembered, proceed]);

  const reopen = useCallback(
    (file: RememberedFile) =>
      void allowed(file.handles, true).then((permission) => proceed(file, true, permission)),
    [proceed],
  );
  return { note, busy, reopen };
}
