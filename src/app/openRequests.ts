/** Turning what the location names into something to open (a SourceDescriptor with a stable key). */
import { familyDisplayName, findFamilies, isFamilyPattern } from '../bytes/family/memberNames';
import type { SourceDescriptor } from '../links/sourceDescriptor';
import { urlDisplayName } from '../links/resolveFileUrl';
import { s3KeysFor } from './s3Keys';
import type { OpenRequest } from './useOpenFile';

/** Same-origin paths ("/samples/x.nwb") become absolute: workers resolve relative URLs differently. */
export function urlRequest(url: string, base: string): OpenRequest {
  const absolute = new URL(url, base).href;
  const s3 = s3KeysFor(absolute);
  // `session-%06d.nwb`: the members of an HDF5 family, opened as the one file they split.
  if (isFamilyPattern(absolute)) {
    return {
      key: `family:${absolute}`,
      source: { kind: 'family', pattern: absolute },
      displayName: familyDisplayName(absolute),
    };
  }
  return {
    // Keys given later reopen the same URL, signed this time.
    key: `url:${absolute}${s3 ? `#signed:${s3.accessKeyId}` : ''}`,
    source: { kind: 'url', url: absolute, ...(s3 ? { s3 } : {}) },
    displayName: urlDisplayName(url),
  };
}

let localCounter = 0;

export function localRequest(file: File, siblings: File[]): OpenRequest {
  // A counter, not the name: dropping a file of the same name again must reopen it.
  localCounter++;
  const family = findFamilies([file, ...siblings].map((f) => f.name)).find((f) =>
    f.members.includes(file.name),
  );
  if (family) {
    const byName = new Map([file, ...siblings].map((f) => [f.name, f]));
    return {
      key: `local:${localCounter}:${family.pattern}`,
      source: {
        kind: 'family',
        pattern: family.pattern,
        files: family.members.map((name) => byName.get(name) as File),
      },
      displayName: family.pattern,
    };
  }
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
