/** Builds the ByteSource a descriptor describes (descriptors cross workers, sources do not). */
import { ExplorerError } from '../errors';
import type { ByteSource, SourceDescriptor } from './ByteSource';
import { BlobSource } from './BlobSource';
import { FamilySource } from './FamilySource';
import { familyDisplayName, memberName } from './family/memberNames';
import { HttpRangeSource, type HttpRangeSourceOptions } from './HttpRangeSource';
import { signedS3Fetch } from './s3/signedS3Fetch';

export interface CreateSourceOptions {
  /** Passed to HttpRangeSource (tests inject fetch, benchmarks change the probe size). */
  http?: Pick<HttpRangeSourceOptions, 'fetch' | 'probeBytes'>;
}

export function createSource(
  descriptor: SourceDescriptor,
  opts: CreateSourceOptions = {},
): ByteSource {
  if (descriptor.kind === 'file') return new BlobSource(descriptor.file);
  if (descriptor.kind === 'family') return familySource(descriptor, opts);
  const http = { ...opts.http };
  if (descriptor.s3)
    http.fetch = signedS3Fetch(descriptor.s3, new URL(descriptor.url).origin, opts.http?.fetch);
  return new HttpRangeSource({
    url: descriptor.url,
    size: descriptor.size,
    headers: descriptor.headers,
    headersOrigin: descriptor.headersOrigin,
    ...http,
  });
}

function familySource(
  descriptor: Extract<SourceDescriptor, { kind: 'family' }>,
  opts: CreateSourceOptions,
): FamilySource {
  const { pattern, files } = descriptor;
  const displayName = familyDisplayName(pattern);
  return new FamilySource({
    key: files
      ? `local:${pattern}:${files.map((f) => `${f.size}:${f.lastModified ?? ''}`).join(',')}`
      : pattern,
    displayName,
    member(index, size) {
      if (files) {
        const file = files[index];
        if (!file) {
          throw new ExplorerError(
            'not-found',
            `Member ${memberName(displayName, index)} of ${displayName} was not among the dropped files.`,
          );
        }
        return new BlobSource(file);
      }
      return createSource(
        { ...descriptor, kind: 'url', url: memberName(pattern, index), size },
        opts,
      );
    },
  });
}
