/** Turning what the location names into something to open (a SourceDescriptor with a stable key). */
import type { SourceDescriptor } from '../links/sourceDescriptor';
import { urlDisplayName } from '../links/resolveFileUrl';
import type { OpenRequest } from './useOpenFile';

/** Same-origin paths ("/samples/x.nwb") become absolute: workers resolve relative URLs differently. */
export function urlRequest(url: string, base: string): OpenRequest {
  const absolute = new URL(url, base).href;
  return {
    key: `url:${absolute}`,
    source: { kind: 'url', url: absolute },
    displayName: urlDisplayName(url),
  };
}

let localCounter = 0;

export function localRequest(file: File, siblings: File[]): OpenRequest {
  // A counter, not the name: dropping a file of the same name again must reopen it.
  localCounter++;
  return {
    key: `local:${localCounter}:${file.name}`,
    source: { kind: 'file', file, siblings },
    displayName: file.name,
  };
}

let assetCounter = 0;

export function assetRequest(source: SourceDescriptor, displayName: string): OpenRequest {
  assetCounter++;
  return { key: `asset:${assetCounter}:${displayName}`, source, displayName };
}

export function localFolderRequest(folder: {
  name: string;
  files: { path: string; file: File }[];
}): OpenRequest {
  localCounter++;
  return {
    key: `local:${localCounter}:${folder.name}/`,
    source: { kind: 'folder', name: folder.name, files: folder.files },
    displayName: folder.name,
  };
}
