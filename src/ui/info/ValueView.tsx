/**
 * One value from a file, as text. Object references become buttons that select their target; long
 * strings and arrays are truncated with a way to see more. Text is rendered as text, never HTML.
 */
import { useState } from 'react';
import type { Value } from '../../reader/contract';
import { formatCount } from '../format/bytes';
import { formatValue, MAX_INLINE_STRING } from '../format/values';

export interface ValueViewProps {
  value: Value;
  onNavigate?(path: string): void;
}

/** Items shown from an array before "show all", and the most "show all" expands to. */
const COLLAPSED_ITEMS = 10;
const EXPANDED_ITEMS = 1000;

function isReference(value: Value): value is Extract<Value, { kind: string }> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !ArrayBuffer.isView(value)
  );
}

function Reference({
  value,
  onNavigate,
}: {
  value: Extract<Value, { kind: string }>;
  onNavigate?(path: string): void;
}) {
  const text = formatValue(value);
  if (value.path === null || !onNavigate) return <span className="value value--ref">{text}</span>;
  const target = value.path;
  return (
    <button
      type="button"
      className="link-button value--ref"
      onClick={() => onNavigate(target)}
      title={`Go to ${target}`}
    >
      {text}
    </button>
  );
}

function LongString({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  if (text.length <= MAX_INLINE_STRING) return <span className="value value--string">{text}</span>;
  return (
    <span className="value value--string">
      {open ? text : text.slice(0, MAX_INLINE_STRING) + '…'}{' '}
      <button type="button" className="link-button" onClick={() => setOpen(!open)}>
        {open ? 'show less' : `show all ${formatCount(text.length)} characters`}
      </button>
    </span>
  );
}

function ArrayValue({ value, onNavigate }: { value: Value[]; onNavigate?(path: string): void }) {
  const [open, setOpen] = useState(false);
  // Arrays holding references render item by item so each reference stays clickable.
  if (value.some(isReference)) {
    const shown = value.slice(0, open ? EXPANDED_ITEMS : COLLAPSED_ITEMS);
    return (
      <span className="value value--array">
        [
        {shown.map((item, i) => (
          <span key={i}>
            {i > 0 && ', '}
            <ValueView value={item} onNavigate={onNavigate} />
          </span>
        ))}
        {value.length > shown.length && '…'}]{' '}
        <MoreToggle length={value.length} open={open} setOpen={setOpen} />
      </span>
    );
  }
  return <Truncated value={value} length={value.length} />;
}

function MoreToggle({
  length,
  open,
  setOpen,
}: {
  length: number;
  open: boolean;
  setOpen(open: boolean): void;
}) {
  if (length <= COLLAPSED_ITEMS) return null;
  return (
    <button type="button" className="link-button" onClick={() => setOpen(!open)}>
      {open
        ? 'show less'
        : `show ${length > EXPANDED_ITEMS ? `first ${formatCount(EXPANDED_ITEMS)}` : 'all'}`}
    </button>
  );
}

function Truncated({ value, length }: { value: Value; length: number }) {
  const [open, setOpen] = useState(false);
  const text = formatValue(value, {
    maxItems: open ? EXPANDED_ITEMS : COLLAPSED_ITEMS,
    maxStringLength: 200,
  });
  return (
    <span className="value value--array">
      {text} <MoreToggle length={length} open={open} setOpen={setOpen} />
    </span>
  );
}

export function ValueView({ value, onNavigate }: ValueViewProps) {
  if (typeof value === 'string') return <LongString text={value} />;
  if (Array.isArray(value)) return <ArrayValue value={value} onNavigate={onNavigate} />;
  if (ArrayBuffer.isView(value)) return <Truncated value={value} length={value.length} />;
  if (isReference(value)) return <Reference value={value} onNavigate={onNavigate} />;
  return <span className="value">{formatValue(value)}</span>;
}
