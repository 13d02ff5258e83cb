import { describe, expect, it } from 'vitest';
import type { AppLocation } from './location';
import { VIEW_KEYS, formatUrlState, parseUrlState, withPath } from './urlState';

function roundTrip(location: AppLocation) {
  return parseUrlState(formatUrlState(location)).location;
}

describe('urlState', () => {
  it('shows the opening screen without parameters', () => {
    expect(parseUrlState('').location).toEqual({ view: 'home' });
    expect(formatUrlState({ view: 'home' })).toBe('');
  });

  it('parses a bundled sample URL', () => {
    expect(parseUrlState('?url=/samples/ecephys_tutorial_v2.5.0.nwb').location).toEqual({
      view: 'file',
      url: '/samples/ecephys_tutorial_v2.5.0.nwb',
    });
  });

  it('round-trips paths with spaces, colons and plus signs', () => {
    const location: AppLocation = {
      view: 'file',
      url: 'https://example.org/a b+c.nwb?x=1&y=2',
      path: '/processing/my module: a+b/data 1',
    };
    const search = formatUrlState(location);
    expect(search).toContain('path=/processing/my%20module:%20a%2Bb/data%201');
    expect(search).not.toContain('&y=');
    expect(roundTrip(location)).toEqual(location);
  });

  it('keeps a time window with its path and drops it when the selection moves', () => {
    const location: AppLocation = {
      view: 'file',
      url: '/a.nwb',
      path: '/acquisition/es',
      time: '1.5,2.25',
    };
    expect(formatUrlState(location)).toBe('?url=/a.nwb&path=/acquisition/es&t=1.5,2.25');
    expect(roundTrip(location)).toEqual(location);
    expect(parseUrlState('?url=/a.nwb&t=1,2').location).toEqual({ view: 'file', url: '/a.nwb' });
    expect(withPath(location, '/units')).toEqual({ view: 'file', url: '/a.nwb', path: '/units' });
    expect(withPath(location, '/acquisition/es')).toEqual(location);
  });

  it('round-trips local and dandi locations', () => {
    expect(roundTrip({ view: 'local', name: 'my file.nwb', path: '/acquisition' })).toEqual({
      view: 'local',
      name: 'my file.nwb',
      path: '/acquisition',
    });
    const dandi: AppLocation = {
      view: 'dandi',
      dandiset: '000409',
      version: 'draft',
      folder: 'sub-1',
      assetId: 'abc-123',
      assetPath: 'sub-1/sub-1_ses-1.nwb',
      path: '/units',
    };
    expect(roundTrip(dandi)).toEqual(dandi);
  });

  it('keeps settings and reads bridge=retry', () => {
    const parsed = parseUrlState('?url=/x.nwb&bridge=retry&dandiApi=https://api.example.org');
    expect(parsed.settings).toEqual({ bridge: 'retry', dandiApi: 'https://api.example.org' });
    expect(formatUrlState(parsed.location, parsed.settings)).toBe(
      '?url=/x.nwb&dandiApi=https://api.example.org&bridge=retry',
    );
  });

  it('accepts neurosift-shaped links', () => {
    const parsed = parseUrlState('?url=https://api.dandiarchive.org/x/download/&dandisetId=000409');
    expect(parsed.location).toEqual({
      view: 'file',
      url: 'https://api.dandiarchive.org/x/download/',
    });
    expect(parseUrlState('?dandisetId=000409&dandisetVersion=draft').location).toEqual({
      view: 'dandi',
      dandiset: '000409',
      version: 'draft',
    });
  });

  it('makes paths absolute and drops the root path', () => {
    expect(parseUrlState('?url=/x.nwb&path=units').location).toEqual({
      view: 'file',
      url: '/x.nwb',
      path: '/units',
    });
    expect(withPath({ view: 'file', url: '/x.nwb', path: '/a' }, '/')).toEqual({
      view: 'file',
      url: '/x.nwb',
    });
  });
});

describe('VIEW_KEYS (index.html keeps its static opening screen only without them)', () => {
  it('each names a view other than the opening screen', () => {
    for (const key of VIEW_KEYS) {
      expect(parseUrlState(`?${key}=x`).location.view, key).not.toBe('home');
      // Empty is not set: the opening screen, as parseUrlState reads it too.
      expect(parseUrlState(`?${key}=`).location.view, key).toBe('home');
    }
  });

  it('every other key the address may carry leaves the opening screen', () => {
    const others = ['path=/acquisition', 't=1-2', 'dandiApi=https://x.test/api', 'bridge=retry'];
    for (const query of others) expect(parseUrlState(`?${query}`).location.view).toBe('home');
    expect(parseUrlState(`?${others.join('&')}`).location.view).toBe('home');
  });
});
