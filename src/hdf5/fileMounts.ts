/**
 * Where one open HDF5 file lives in Emscripten's FS: its own folder, holding the file and the
 * targets of its external links as siblings. HDF5 follows an external link silently once a file
 * by that name exists next to the source, so following a remote link is mounting its target
 * (a lazily read file of its own, opened through the bridge) before HDF5 looks for it.
 */
import type { SourceDescriptor } from '../bytes/ByteSource';
import { asExplorerError } from '../errors';
import { mountLazyFile } from './lazyFileNode';
import { safeFileName } from './paths';
import type { BridgedContext } from './runBridged';

/** Root of our files in Emscripten's FS; each open file gets its own folder for its siblings. */
const MOUNT_ROOT = '/nwbx';

export class FileMounts {
  private readonly folder: string;
  private readonly mounted = new Set<string>();

  constructor(
    private readonly context: BridgedContext,
    private readonly request: { fileId: string; descriptor: SourceDescriptor },
  ) {
    this.folder = `${MOUNT_ROOT}/${safeFileName(request.fileId)}`;
  }

  /** Mounts the file itself; returns its path for h5wasm to open. */
  mountMain(displayName: string, size: number): string {
    const path = `${this.folder}/${safeFileName(displayName)}`;
    this.mount(path, this.request.fileId, size);
    return path;
  }

  /**
   * Makes an external link's target file reachable; returns a problem in words, or null.
   * Runs inside a synchronous h5wasm call: in retry mode the open throws PendingWork (re-thrown,
   * so the call runs again once the target is open).
   */
  mountLinkTarget(filename: string): string | null {
    const { descriptor, fileId } = this.request;
    const target = siblingDescriptor(descriptor, filename);
    if (!target) {
      return descriptor.kind === 'file'
        ? `The linked file "${filename}" was not among the dropped files; drop its folder to follow the link.`
        : `The linked file "${filename}" cannot be located.`;
    }
    const siblingId = `${fileId}>${filename}`;
    try {
      const { bridge, blockReader } = this.context;
      const identity = bridge.open(siblingId, target, blockReader.signal);
      this.mount(normalize(`${this.folder}/${filename}`), siblingId, identity.size);
      return null;
    } catch (error) {
      if ((error as Error)?.name === 'PendingWork') throw error;
      return `The linked file "${filename}" could not be opened: ${asExplorerError(error).message}`;
    }
  }

  private mount(path: string, fileId: string, size: number): void {
    if (this.mounted.has(path)) return;
    mountLazyFile(this.context.h5.FS, path, size, this.context.blockReader.readerFor(fileId));
    this.mounted.add(path);
  }
}

/** Where an external link's file lives, relative to the file that links to it. */
export function siblingDescriptor(
  parent: SourceDescriptor,
  filename: string,
): SourceDescriptor | null {
  if (parent.kind === 'url') {
    try {
      const url = new URL(filename, parent.url);
      if (url.pathname.endsWith('/')) return null; // a folder, not a file
      return {
        kind: 'url',
        url: url.href,
        headers: parent.headers,
        headersOrigin: parent.headersOrigin,
        // Signed only for the bucket's own endpoint, whichever origin the link names.
        ...(parent.s3 ? { s3: parent.s3 } : {}),
      };
    } catch {
      return null;
    }
  }
  // A family's external links would need the family's own folder; none seen in the wild.
  if (parent.kind === 'family') return null;
  const base = filename.split(/[/\\]/).pop();
  const file = parent.siblings?.find((f) => f.name === base);
  return file ? { kind: 'file', file, siblings: parent.siblings } : null;
}

/** Resolves `.` and `..` in an absolute FS path. */
function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}
