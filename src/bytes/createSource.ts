/** Builds the ByteSource a descriptor describes (descriptors cross workers, sources do not). */
import type { ByteSource, SourceDescriptor } from './ByteSource';
import { BlobSource } from './BlobSource';
import { HttpRangeSource, type HttpRangeSourceOptions } from './HttpRangeSource';

export interface CreateSourceOptions {
  /** Passed to HttpRangeSource (tests inject fetch, benchmarks change the probe size). */
  http?: Pick<HttpRangeSourceOptions, 'fetch' | 'probeBytes'>;
}

export function createSource(
  descriptor: SourceDescriptor,
  opts: CreateSourceOptions = {},
): ByteSource {
  if (descriptor.kind === 'file') return new BlobSource(descriptor.file);
  return new HttpRangeSource({
    url: descriptor.url,
    size: descriptor.size,
    headers: descriptor.headers,
    headersOrigin: descriptor.headersOrigin,
    ...opts.http,
  });
}
