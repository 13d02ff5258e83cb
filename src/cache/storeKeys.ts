/** Keys shared by the persistent block stores. */
import type { SourceIdentity } from '../bytes/ByteSource';

/** One string per exact identity: the store key of its blocks and of its file record. */
export function identityKeyOf(identity: SourceIdentity): string {
  // NUL separators: every identity of one key then sorts between keyLow(key) and keyHigh(key).
  return `${identity.key}\u0000${identity.size}\u0000${identity.validator ?? ''}`;
}

/** Lowest identity key of a source key (inclusive bound). */
export function keyLow(key: string): string {
  return `${key}\u0000`;
}

/** Just above every identity key of a source key (exclusive bound). */
export function keyHigh(key: string): string {
  return `${key}\u0001`;
}
