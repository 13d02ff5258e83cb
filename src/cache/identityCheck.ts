/**
 * Changed-file detection: does a response describe the same file the blocks are cached under?
 * A different size or validator means the file changed on the server (never mix old and new
 * blocks); a shorter size than a size given in advance means a cut copy, not a new version.
 */
import type { RangeReadResult, SourceIdentity } from '../bytes/ByteSource';
import { ExplorerError } from '../errors';

export interface IdentityView {
  identity: SourceIdentity;
  /** Size given in advance (e.g. DANDI metadata), if any. */
  knownSize: number | undefined;
  /** Validator first seen in this session, when the identity has none. */
  sessionValidator: string | null;
  /** The identity is fresh (not remembered) and nothing is stored under it yet. */
  mayAdoptValidator: boolean;
  displayName: string;
}

/** What to learn from a response that matches. */
export type IdentityOutcome =
  | { kind: 'same' }
  | { kind: 'adopt'; identity: SourceIdentity }
  | { kind: 'session'; validator: string };

/** Throws 'changed' or 'truncated' when `seen` describes another file; else what to learn. */
export function checkIdentity(view: IdentityView, seen: RangeReadResult['seen']): IdentityOutcome {
  const { identity, displayName: name } = view;
  if (seen.size !== undefined && seen.size < identity.size && view.knownSize === identity.size) {
    throw new ExplorerError(
      'truncated',
      `${name} is ${seen.size} bytes on the server, shorter than the ${identity.size} expected.`,
    );
  }
  if (seen.size !== undefined && seen.size !== identity.size) {
    throw new ExplorerError(
      'changed',
      `${name} changed on the server (size ${identity.size} → ${seen.size}). Reopen it.`,
    );
  }
  if (!seen.validator) return { kind: 'same' };
  const expected = identity.validator ?? view.sessionValidator;
  if (expected === null) {
    // Nothing stored under the validator-less identity yet: adopt the validator, so the next
    // session can tell a changed file from this one. Otherwise remember it for this session.
    return view.mayAdoptValidator
      ? { kind: 'adopt', identity: { ...identity, validator: seen.validator } }
      : { kind: 'session', validator: seen.validator };
  }
  if (expected !== seen.validator) {
    throw new ExplorerError(
      'changed',
      `${name} changed on the server (its ETag differs). Reopen it.`,
    );
  }
  return { kind: 'same' };
}
