/**
 * The DANDI field on the opening screen: a dandiset ID in any of the forms people paste.
 * "000409", "DANDI:000409", "DANDI:000409/0.230111.1239",
 * "https://dandiarchive.org/dandiset/000409/draft", ".../dandiset/000409/0.230111.1239/files?location=sub-1".
 */
import type { AppLocation } from './location';

type DandiLocation = Extract<AppLocation, { view: 'dandi' }>;

export type ParsedDandiInput =
  { ok: true; location: DandiLocation } | { ok: false; message: string };

const VERSION = /^(draft|\d+\.\d+\.\d+)$/;

export function parseDandiInput(input: string): ParsedDandiInput {
  const text = input.trim();
  if (text === '') return { ok: false, message: 'Enter a dandiset ID, e.g. 000409.' };

  const bare = /^(?:DANDI:)?(\d{6})(?:\/(draft|\d+\.\d+\.\d+))?$/i.exec(text);
  if (bare) {
    const [, dandiset, version] = bare;
    return { ok: true, location: { view: 'dandi', dandiset, ...(version ? { version } : {}) } };
  }

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: 'Not a dandiset ID or DANDI URL (expected e.g. 000409).' };
  }
  const segments = url.pathname.split('/').filter(Boolean);
  const at = segments.findIndex((s) => s === 'dandiset' || s === 'dandisets');
  const dandiset = at >= 0 ? segments[at + 1] : undefined;
  if (!dandiset || !/^\d{6}$/.test(dandiset)) {
    return {
      ok: false,
      message: 'That URL does not name a dandiset (expected …/dandiset/000409).',
    };
  }
  const location: DandiLocation = { view: 'dandi', dandiset };
  let version = segments[at + 2];
  if (version === 'versions') version = segments[at + 3];
  if (version && VERSION.test(version)) location.version = version;
  const folder = url.searchParams.get('location');
  if (folder) location.folder = folder;
  return { ok: true, location };
}
