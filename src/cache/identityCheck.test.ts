import { describe, expect, it } from 'vitest';
import { asExplorerError } from '../errors';
import { checkIdentity, type IdentityView } from './identityCheck';

/** The code a synchronous call throws with, or 'none'. */
function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'none';
  } catch (error) {
    return asExplorerError(error).code;
  }
}

const view = (over: Partial<IdentityView> = {}): IdentityView => ({
  identity: { key: 'k', size: 100, validator: '"v1"' },
  knownSize: undefined,
  sessionValidator: null,
  mayAdoptValidator: false,
  displayName: 'f.nwb',
  ...over,
});

describe('checkIdentity', () => {
  it('accepts a response that shows the same size and validator, or shows nothing', () => {
    expect(checkIdentity(view(), { size: 100, validator: '"v1"' })).toEqual({ kind: 'same' });
    expect(checkIdentity(view(), {})).toEqual({ kind: 'same' });
  });

  it('refuses another size or validator as a changed file', () => {
    expect(codeOf(() => checkIdentity(view(), { size: 101 }))).toBe('changed');
    expect(codeOf(() => checkIdentity(view(), { validator: '"v2"' }))).toBe('changed');
  });

  it('calls a copy shorter than the size given in advance truncated, not changed', () => {
    expect(codeOf(() => checkIdentity(view({ knownSize: 100 }), { size: 60 }))).toBe('truncated');
  });

  it('adopts a first validator when nothing is stored yet, else keeps it for the session', () => {
    const bare = { key: 'k', size: 100, validator: null };
    expect(
      checkIdentity(view({ identity: bare, mayAdoptValidator: true }), { validator: '"a"' }),
    ).toEqual({ kind: 'adopt', identity: { ...bare, validator: '"a"' } });
    expect(checkIdentity(view({ identity: bare }), { validator: '"a"' })).toEqual({
      kind: 'session',
      validator: '"a"',
    });
    expect(
      codeOf(() =>
        checkIdentity(view({ identity: bare, sessionValidator: '"a"' }), { validator: '"b"' }),
      ),
    ).toBe('changed');
  });
});
