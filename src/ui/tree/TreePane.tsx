/**
 * The file's tree. One focusable container (role="tree") carries the keyboard and points at the
 * focused row with aria-activedescendant; rows are a flat list with aria-level, which keeps keyboard
 * movement a matter of moving an index through the visible rows.
 */
import { useEffect, type KeyboardEvent } from 'react';
import { ErrorMessage } from '../errors/ErrorMessage';
import { formatCount } from '../format/bytes';
import { TreeNode } from './TreeNode';
import { PAGE_SIZE, type TreeRow } from './treeModel';
import { useTreeState } from './useTreeState';

export interface TreePaneProps {
  rootName: string;
  selectedPath: string;
  onSelect(path: string): void;
}

function activate(
  row: TreeRow,
  tree: ReturnType<typeof useTreeState>,
  onSelect: (path: string) => void,
) {
  if (row.type === 'node') {
    onSelect(row.entry.path);
    if (row.expandable) tree.toggle(row.entry.path);
  } else if (row.type === 'more') tree.showMore(row.parentPath);
  else if (row.type === 'error') tree.retry(row.parentPath);
}

export function TreePane({ rootName, selectedPath, onSelect }: TreePaneProps) {
  const tree = useTreeState(rootName, selectedPath);
  const { rows, focusedId, setFocusedId } = tree;

  // Focus follows the selection when it changes from outside (a link, the address bar).
  const selectedId = rows.find((r) => r.type === 'node' && r.entry.path === selectedPath)?.id;
  useEffect(() => {
    if (selectedId) setFocusedId(selectedId);
  }, [selectedId, setFocusedId]);

  const focusedIndex = Math.max(
    0,
    rows.findIndex((r) => r.id === focusedId),
  );
  const focusedRow = rows[focusedIndex];

  useEffect(() => {
    if (!focusedRow) return;
    document.getElementById(focusedRow.id)?.scrollIntoView({ block: 'nearest' });
  }, [focusedRow]);

  const moveTo = (index: number) => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (row) setFocusedId(row.id);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!focusedRow) return;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(focusedIndex + 1);
        break;
      case 'ArrowUp':
        moveTo(focusedIndex - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'ArrowRight':
        if (focusedRow.type !== 'node' || !focusedRow.expandable) break;
        if (!focusedRow.expanded) tree.expand(focusedRow.entry.path);
        else moveTo(focusedIndex + 1);
        break;
      case 'ArrowLeft': {
        if (focusedRow.type === 'node' && focusedRow.expanded) {
          tree.collapse(focusedRow.entry.path);
          break;
        }
        const parent = rows.find(
          (r) => r.type === 'node' && r.entry.path === focusedRow.parentPath,
        );
        if (parent) setFocusedId(parent.id);
        break;
      }
      case 'Enter':
      case ' ':
        activate(focusedRow, tree, onSelect);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <div
      className="tree-pane"
      role="tree"
      aria-label="File contents"
      tabIndex={0}
      aria-activedescendant={focusedRow?.id}
      onKeyDown={onKeyDown}
    >
      {rows.map((row) => {
        const focused = row.id === focusedRow?.id;
        switch (row.type) {
          case 'node':
            return (
              <TreeNode
                key={row.id}
                row={row}
                selected={row.entry.path === selectedPath}
                focused={focused}
                onSelect={onSelect}
                onToggle={tree.toggle}
                onFocus={setFocusedId}
              />
            );
          case 'more':
            return (
              <div
                key={row.id}
                {...auxRowProps(row, 'more', focused)}
                onClick={() => {
                  setFocusedId(row.id);
                  tree.showMore(row.parentPath);
                }}
              >
                Show {Math.min(PAGE_SIZE, row.remaining)} more ({formatCount(row.remaining)} not
                shown)
              </div>
            );
          case 'error':
            return (
              <div key={row.id} {...auxRowProps(row, 'error', focused)}>
                <ErrorMessage
                  error={row.error}
                  context="Could not list this group"
                  inline
                  onRetry={() => tree.retry(row.parentPath)}
                />
              </div>
            );
          case 'empty':
            return (
              <div key={row.id} {...auxRowProps(row, 'empty', focused)}>
                (empty)
              </div>
            );
        }
      })}
    </div>
  );
}

/** Shared attributes of the rows that are not objects ("show more", an error, "(empty)"). */
function auxRowProps(row: { id: string; level: number }, variant: string, focused: boolean) {
  return {
    id: row.id,
    role: 'treeitem',
    'aria-level': row.level,
    'aria-selected': false,
    className: `tree-row tree-row--${variant}${focused ? ' tree-row--focused' : ''}`,
    style: { paddingLeft: `${(row.level - 1) * 16 + 20}px` },
  } as const;
}
