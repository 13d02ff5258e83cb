/** The DANDI client: parsing what users paste, the REST API, and where an asset's bytes are. */
export * from './apiBase';
export * from './apiKeyStore';
export * from './assetSource';
export {
  DandiClient,
  MAX_PAGE_SIZE,
  type CallOptions,
  type DandiClientOptions,
} from './DandiClient';
export { DandiApiError, DEFAULT_TIMEOUT_MS } from './http';
export * from './urlTarget';
export * from './parseInput';
export * from './metadata';
export type * from './types';
