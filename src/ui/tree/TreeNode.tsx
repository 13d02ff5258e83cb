/** One row of the tree: a group, dataset or link, with its NWB type and link target beside it. */
import type { ChildEntry } from '../../reader/contract';
import { unwrapString } from '../../nwb/unwrap';
import { KindIcon } from './KindIcon';
import type { TreeRow } from './treeModel';

type NodeRow = Extract<TreeRow, { type: 'node' }>;

export interface TreeNodeProps {
  row: NodeRow;
  selected: boolean;
  focused: boolean;
  onSelect(path: string): void;
  onToggle(path: string): void;
  onFocus(id: string): void;
}

function LinkNote({ entry }: { entry: ChildEntry }) {
  const link = entry.link;
  if (!link) return null;
  if (entry.kind === 'external-link') {
    return (
      <span className="tree-node__link" title={link.problem ?? undefined}>
        {' '}
        → {link.file}:{link.target}
        {!link.resolved && (
          <span className="tree-node__problem">
            {' '}
            (not followed{link.problem ? `: ${link.problem}` : ''})
          </span>
        )}
      </span>
    );
  }
  return (
    <span className="tree-node__link">
      {' '}
      → {link.target}
      {!link.resolved && <span className="tree-node__problem"> (target missing)</span>}
    </span>
  );
}

export function TreeNode({ row, selected, focused, onSelect, onToggle, onFocus }: TreeNodeProps) {
  const { entry } = row;
  const neurodataType = unwrapString(entry.attrs?.neurodata_type);
  return (
    <div
      id={row.id}
      role="treeitem"
      aria-level={row.level}
      aria-posinset={row.posinset}
      aria-setsize={row.setsize}
      aria-selected={selected}
      aria-expanded={row.expandable ? row.expanded : undefined}
      aria-busy={row.loading || undefined}
      data-path={entry.path}
      className={[
        'tree-row',
        'tree-node',
        selected ? 'tree-row--selected' : '',
        focused ? 'tree-row--focused' : '',
      ].join(' ')}
      style={{ paddingLeft: `${(row.level - 1) * 16 + 4}px` }}
      onClick={() => {
        onFocus(row.id);
        onSelect(entry.path);
      }}
      onDoubleClick={() => row.expandable && onToggle(entry.path)}
    >
      <span
        className="tree-node__twisty"
        aria-hidden="true"
        onClick={(event) => {
          if (!row.expandable) return;
          event.stopPropagation();
          onFocus(row.id);
          onToggle(entry.path);
        }}
      >
        {row.expandable ? (row.expanded ? '▾' : '▸') : ''}
      </span>
      <KindIcon kind={entry.kind} />
      <span className="tree-node__name">{entry.name}</span>
      {neurodataType && <span className="tree-node__type">{neurodataType}</span>}
      <LinkNote entry={entry} />
      {row.loading && <span className="spinner spinner--small" aria-label="loading" />}
    </div>
  );
}
