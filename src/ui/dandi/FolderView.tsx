/**
 * One folder level of a dandiset version, from `assets/paths`: sub-folders with their file count
 * and size, then files. Later pages load as the list scrolls.
 */
import type { AssetPathItem, AssetRef } from '../../dandi';
import { refFromPathItem } from '../../dandi';
import { ErrorMessage } from '../errors/ErrorMessage';
import { formatBytes, formatCount } from '../format/bytes';
import { baseName } from './assetKinds';
import { AssetRow } from './AssetRow';
import { LoadMore } from './LoadMore';
import type { PagedList } from './usePagedList';

export interface FolderViewProps {
  folder: string;
  list: PagedList<AssetPathItem>;
  folderHref(folder: string): string;
  assetHref(asset: AssetRef): string;
  onFolder(folder: string): void;
  onOpen(asset: AssetRef): void;
}

export function FolderView({
  folder,
  list,
  folderHref,
  assetHref,
  onFolder,
  onOpen,
}: FolderViewProps) {
  const crumbs = folder ? folder.replace(/\/$/, '').split('/') : [];

  return (
    <section className="dandi-folder" aria-label="Files">
      <nav className="dandi-crumbs" aria-label="Folder">
        <FolderLink
          folder=""
          label="All files"
          href={folderHref('')}
          current={!folder}
          onFolder={onFolder}
        />
        {crumbs.map((name, i) => {
          const prefix = crumbs.slice(0, i + 1).join('/') + '/';
          return (
            <span key={prefix}>
              {' / '}
              <FolderLink
                folder={prefix}
                label={name}
                href={folderHref(prefix)}
                current={prefix === folder}
                onFolder={onFolder}
              />
            </span>
          );
        })}
        {list.count !== null && <span className="muted"> · {formatCount(list.count)} items</span>}
      </nav>

      {list.error && list.items.length === 0 ? (
        <ErrorMessage error={list.error} context="Listing files" onRetry={list.retry} />
      ) : !list.settled ? (
        <p className="muted" role="status">
          Listing files…
        </p>
      ) : list.items.length === 0 ? (
        <p className="muted" data-testid="dandi-empty">
          {folder ? 'This folder is empty.' : 'This dandiset version has no assets.'}
        </p>
      ) : (
        <ul className="dandi-list" data-testid="dandi-folder-list">
          {list.items.map((item) => {
            const ref = refFromPathItem(item);
            if (ref) {
              return <AssetRow key={item.path} asset={ref} href={assetHref(ref)} onOpen={onOpen} />;
            }
            const prefix = `${item.path}/`;
            return (
              <li
                key={item.path}
                className="dandi-row dandi-row--folder"
                data-testid="dandi-folder"
              >
                <a
                  className="dandi-row__name"
                  href={folderHref(prefix)}
                  onClick={(e) => {
                    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
                    e.preventDefault();
                    onFolder(prefix);
                  }}
                >
                  {baseName(item.path)}/
                </a>
                <span className="dandi-row__files muted">
                  {formatCount(item.aggregate_files)} files
                </span>
                <span className="dandi-row__size numeric">{formatBytes(item.aggregate_size)}</span>
              </li>
            );
          })}
        </ul>
      )}
      {list.settled && (list.items.length > 0 || !list.error) && (
        <LoadMore list={list} hideError={list.items.length === 0} label="Listing more files" />
      )}
    </section>
  );
}

function FolderLink(props: {
  folder: string;
  label: string;
  href: string;
  current: boolean;
  onFolder(folder: string): void;
}) {
  if (props.current) return <strong aria-current="location">{props.label}</strong>;
  return (
    <a
      href={props.href}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
        e.preventDefault();
        props.onFolder(props.folder);
      }}
    >
      {props.label}
    </a>
  );
}
