/**
 * What a listing told us about the assets the user clicked, so opening one after the address
 * bar changed needs no API request. Bounded: only the last few clicks matter.
 */
import type { AssetRef } from '../../dandi';

const MAX = 50;
const refs = new Map<string, AssetRef>();

export function rememberAssetRef(ref: AssetRef): void {
  refs.delete(ref.assetId);
  refs.set(ref.assetId, ref);
  while (refs.size > MAX) refs.delete(refs.keys().next().value as string);
}

export function knownAssetRef(assetId: string): AssetRef | undefined {
  return refs.get(assetId);
}
