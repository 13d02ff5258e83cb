/**
 * `GET /dandisets/?search=` as dandi-archive parses it: Gmail-style `key:value` operators among
 * free-text words. Sources (dandi/dandi-archive at 3e3c3c9c):
 * - dandiapi/api/services/search/parser.py: the token grammar (lines 45-50), the operator keys
 *   (21-35), "Unknown search operator" (85-93), unbalanced quotes (77-82), the length cap (56, 100).
 * - dandiapi/api/services/search/filters.py:152-158 (dates), 208-209 (an operator needs a value).
 * - dandiapi/api/views/dandiset.py:154-158: a SearchSyntaxError becomes
 *   `ValidationError({'search': str(exc)})`, which DRF renders as 400 `{"search": "<message>"}`
 *   (a string: rest_framework/exceptions.py:30-41 keeps a dict's string values as they are).
 * - dandiset.py:164-177: every free-text word must occur (case-insensitively) in the metadata of
 *   some version of the dandiset, cast to text.
 */

export class SearchSyntaxError extends Error {}

const OPERATOR_KEYS = new Set([
  'created_before',
  'created_after',
  'modified_before',
  'modified_after',
  'published_before',
  'published_after',
  'species',
  'approach',
  'technique',
  'file_type',
  'owner',
]);

const TOKEN_RE = /([a-z_]+):"([^"]*)"|"([^"]*)"|(\S+)/g;
const BARE_OP_RE = /^([a-z_]+):(.+)$/;
const MAX_SEARCH_LENGTH = 1024;

export interface ParsedSearch {
  freeText: string[];
  operators: { key: string; value: string }[];
}

function validateKey(key: string): void {
  if (OPERATOR_KEYS.has(key)) return;
  // difflib's close match, simplified: a known key that starts like this one.
  const close = [...OPERATOR_KEYS].find((k) => k.startsWith(key.slice(0, 4)) && key.length > 3);
  const hint = close ? ` Did you mean "${close}"?` : '';
  throw new SearchSyntaxError(
    `Unknown search operator "${key}".${hint} ` +
      'Wrap the term in double quotes (e.g. "foo:bar") to search for it as text.',
  );
}

export function parseSearch(query: string): ParsedSearch {
  const parsed: ParsedSearch = { freeText: [], operators: [] };
  if (!query) return parsed;
  if (query.length > MAX_SEARCH_LENGTH) {
    throw new SearchSyntaxError(
      `Search query is too long (${query.length} characters; max ${MAX_SEARCH_LENGTH}).`,
    );
  }
  if ((query.match(/"/g) ?? []).length % 2 !== 0) {
    throw new SearchSyntaxError(
      'Unbalanced quote in search query. Remove the stray quote, or wrap ' +
        'the intended phrase in matched quotes.',
    );
  }
  for (const m of query.matchAll(TOKEN_RE)) {
    if (m[1] !== undefined) {
      validateKey(m[1]);
      parsed.operators.push({ key: m[1], value: m[2] });
    } else if (m[3] !== undefined) {
      parsed.freeText.push(m[3]);
    } else {
      const op = BARE_OP_RE.exec(m[4]);
      if (op) {
        validateKey(op[1]);
        parsed.operators.push({ key: op[1], value: op[2] });
      } else {
        parsed.freeText.push(m[4]);
      }
    }
  }
  return parsed;
}

/** What an operator filter sees of a dandiset. */
export interface Searchable {
  created: string;
  /** Every version's metadata as JSON text. */
  metadataTexts: string[];
  species: string[];
}

/** filters.py's value checks, run once per request before any dandiset is looked at. */
export function validateOperators(parsed: ParsedSearch): void {
  for (const { key, value: raw } of parsed.operators) {
    const value = raw.trim();
    if (!value) {
      throw new SearchSyntaxError(`Operator "${key}" requires a value (e.g. ${key}:something).`);
    }
    const isDate = key.endsWith('_before') || key.endsWith('_after');
    if (isDate && (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))) {
      throw new SearchSyntaxError(`Invalid date for "${key}": '${value}'. Use YYYY-MM-DD.`);
    }
  }
}

/**
 * The operators the stand-in applies: dates on `created` and `species`. The others are accepted
 * (as the real parser accepts them) and do not narrow the result: the stand-in's dandisets have
 * no approach, technique or owner data to filter on.
 */
export function matchesSearch(parsed: ParsedSearch, d: Searchable): boolean {
  for (const { key, value: raw } of parsed.operators) {
    const value = raw.trim();
    if (key === 'created_before' && !(d.created < value)) return false;
    if (key === 'created_after' && !(d.created >= value)) return false;
    if (key === 'species' && !d.species.some((s) => s.toLowerCase().includes(value.toLowerCase())))
      return false;
  }
  return parsed.freeText.every((word) =>
    d.metadataTexts.some((t) => t.toLowerCase().includes(word.toLowerCase())),
  );
}
