/**
 * Small inline SVG icons for node kinds. SVG rather than emoji: emoji fonts are missing on many
 * Linux systems, where they render as empty boxes.
 */
import type { NodeKind } from '../../reader/contract';

const LABEL: Record<NodeKind, string> = {
  group: 'group',
  dataset: 'dataset',
  datatype: 'named datatype',
  'soft-link': 'soft link',
  'external-link': 'external link',
  'broken-link': 'broken link',
};

function Shape({ kind }: { kind: NodeKind }) {
  switch (kind) {
    case 'group':
      return <path d="M1.5 4.5h5l1.5 1.5h6.5v7.5h-13z" fill="#e8b94a" stroke="#b58a22" />;
    case 'dataset':
      return (
        <g fill="none" stroke="#2a7a4b">
          <rect x="2" y="2.5" width="12" height="11" fill="#e7f4ec" />
          <path d="M2 6.5h12M2 10h12M6 2.5v11M10 2.5v11" />
        </g>
      );
    case 'datatype':
      return <path d="M3 3h10M8 3v10" stroke="#555" strokeWidth="2" fill="none" />;
    case 'soft-link':
    case 'external-link':
      return (
        <g fill="none" stroke="#7a4ba8" strokeWidth="1.6">
          <path d="M3 13c0-5 3-8 8-8" />
          <path d="M8.5 2.5 11.5 5 8.5 7.5" />
          {kind === 'external-link' && <path d="M13 9v5H8" />}
        </g>
      );
    case 'broken-link':
      return (
        <g fill="none" stroke="#b42318" strokeWidth="1.6">
          <path d="M3 13 13 3M3 3l10 10" />
        </g>
      );
  }
}

export function KindIcon({ kind }: { kind: NodeKind }) {
  return (
    <svg className="tree-node__icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      <title>{LABEL[kind]}</title>
      <Shape kind={kind} />
    </svg>
  );
}
