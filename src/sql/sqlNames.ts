/**
 * What a query names, found without running it: the words of the SQL outside string literals and
 * comments (double-quoted identifiers unquoted), so the columns to read from the files are the
 * known column names among them; and the top-level WHERE clause of a single-table SELECT, so
 * scalar filters can run before ragged columns are read. A name that is also a keyword or a
 * function only costs reading one column too many, never a wrong answer.
 */

export interface SqlWord {
  text: string;
  /** Offset in the query. */
  at: number;
  quoted: boolean;
  /** Nesting depth of parentheses at this word. */
  depth: number;
}

/** Words of a query, skipping '...' literals, -- and /* comments. */
export function sqlWords(sql: string): SqlWord[] {
  const words: SqlWord[] = [];
  let depth = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    if (ch === "'") {
      i = skipQuoted(sql, i, "'");
    } else if (ch === '"') {
      const end = skipQuoted(sql, i, '"');
      words.push({
        text: sql.slice(i + 1, end - 1).replace(/""/g, '"'),
        at: i,
        quoted: true,
        depth,
      });
      i = end;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end;
    } else if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else if (ch === '(') {
      depth++;
      i++;
    } else if (ch === ')') {
      depth--;
      i++;
    } else if (/[A-Za-z_]/.test(ch)) {
      let j = i + 1;
      while (j < sql.length && /[A-Za-z0-9_$]/.test(sql[j])) j++;
      words.push({ text: sql.slice(i, j), at: i, quoted: false, depth });
      i = j;
    } else {
      i++;
    }
  }
  return words;
}

function skipQuoted(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}

/** The known column names the query mentions (case-insensitive for bare words), in known order. */
export function namedColumns(sql: string, known: readonly string[]): string[] {
  const words = sqlWords(sql);
  const bare = new Set(words.filter((w) => !w.quoted).map((w) => w.text.toLowerCase()));
  const quoted = new Set(words.filter((w) => w.quoted).map((w) => w.text));
  const star = /(^|[\s,(.])\*/.test(stripLiterals(sql));
  return known.filter((name) => star || quoted.has(name) || bare.has(name.toLowerCase()));
}

/** The query with literals and comments blanked, so a `*` inside them is not a star. */
function stripLiterals(sql: string): string {
  return sql
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/--[^\n]*/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '');
}

const AFTER_WHERE = new Set([
  'group',
  'order',
  'limit',
  'having',
  'window',
  'qualify',
  'offset',
  'union',
  'except',
  'intersect',
]);

/**
 * The text of the top-level WHERE clause when the query is one SELECT over one table (no join, no
 * subquery, no second statement); null otherwise, and then nothing is pushed down.
 */
export function simpleWhere(sql: string): string | null {
  const words = sqlWords(sql);
  const top = words
    .filter((w) => w.depth === 0 && !w.quoted)
    .map((w) => ({ ...w, low: w.text.toLowerCase() }));
  if (top[0]?.low !== 'select') return null;
  if (words.some((w) => !w.quoted && w.depth > 0 && w.text.toLowerCase() === 'select')) return null;
  if (
    top.some(
      (w) =>
        w.low === 'join' ||
        (AFTER_WHERE.has(w.low) && ['union', 'except', 'intersect'].includes(w.low)),
    )
  )
    return null;
  if (stripLiterals(sql).replace(/;\s*$/, '').includes(';')) return null;
  const from = top.findIndex((w) => w.low === 'from');
  const where = top.findIndex((w) => w.low === 'where');
  if (from < 0 || where < 0 || where < from) return null;
  // One table: FROM <name> [alias] WHERE, no comma list.
  const between = sql.slice(top[from].at, top[where].at);
  if (between.includes(',')) return null;
  const end = top.slice(where + 1).find((w) => AFTER_WHERE.has(w.low));
  return (
    sql
      .slice(top[where].at + 5, end ? end.at : sql.length)
      .replace(/;\s*$/, '')
      .trim() || null
  );
}
