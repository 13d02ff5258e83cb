/** One file in a listing: openable HDF5/NWB, a Zarr store (coming), or a file this app does not read. */
import type { AssetRef } from '../../dandi';
import { formatBytes } from '../format/bytes';
import { assetKind, baseName } from './assetKinds';

export interface AssetRowProps {
  asset: AssetRef;
  /** Show the whole path (filter results) rather than the name in its folder. */
  fullPath?: boolean;
  href: string;
  onOpen(asset: AssetRef): void;
}

export function AssetRow({ asset, fullPath, href, onOpen }: AssetRowProps) {
  const kind = assetKind(asset.path);
  const name = fullPath ? asset.path : baseName(asset.path);
  return (
    <li className={`dandi-row dandi-row--${kind}`} data-testid="dandi-asset">
      {kind === 'other' ? (
        <span
          className="dandi-row__name"
          title="Not an NWB/HDF5 file: this explorer does not open it"
        >
          {name} <span className="dandi-tag">not NWB</span>
        </span>
      ) : (
        <a
          className="dandi-row__name"
          href={href}
          onClick={(e) => {
            if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
            e.preventDefault();
            onOpen(asset);
          }}
        >
          {name}
          {kind === 'zarr' && <span className="dandi-tag"> Zarr</span>}
        </a>
      )}
      <span className="dandi-row__size numeric">{formatBytes(asset.size)}</span>
    </li>
  );
}
