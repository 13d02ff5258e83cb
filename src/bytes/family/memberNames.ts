/**
 * Names of family members: HDF5 writes them from a printf pattern with one integer, such as
 * `session%d.h5` or `session-%06d.nwb`. A URL or a set of dropped files is recognised as a family
 * by that pattern.
 */

/** One `%d` or `%0Nd` conversion, the only kind HDF5's family driver accepts. */
const CONVERSION = /%(0?\d*)d/;

export function isFamilyPattern(name: string): boolean {
  return CONVERSION.test(name) && name.split('%').length === 2;
}

/** The member name for an index: `fam%03d.h5`, 7 -> `fam007.h5`. */
export function memberName(pattern: string, index: number): string {
  return pattern.replace(CONVERSION, (_, width: string) =>
    String(index).padStart(Number(width || '0'), '0'),
  );
}

/**
 * Groups names into families: names that differ only by a run of digits in the same place, with
 * a member numbered 0. Returns the pattern and the names in index order, for each family of two
 * or more members that is complete from 0 on.
 */
export function findFamilies(names: string[]): { pattern: string; members: string[] }[] {
  const groups = new Map<string, { index: number; name: string; width: number }[]>();
  for (const name of names) {
    const match = /^(.*?)(\d+)((?:\.[A-Za-z0-9]+)*)$/.exec(name);
    if (!match) continue;
    const [, prefix, digits, suffix = ''] = match;
    const key = `${prefix}\u0000${suffix}`;
    const list = groups.get(key) ?? [];
    list.push({ index: Number(digits), name, width: digits.length });
    groups.set(key, list);
  }
  const families: { pattern: string; members: string[] }[] = [];
  for (const [key, list] of groups) {
    if (list.length < 2) continue;
    list.sort((a, b) => a.index - b.index);
    const complete = list.every((entry, i) => entry.index === i);
    if (!complete) continue;
    const [prefix, suffix] = key.split('\u0000');
    const widths = new Set(list.map((entry) => entry.width));
    const padded = widths.size === 1 && list[0].width > 1;
    const pattern = `${prefix}%${padded ? `0${list[0].width}` : ''}d${suffix}`;
    families.push({ pattern, members: list.map((entry) => entry.name) });
  }
  return families;
}

/** The pattern's last path part, for titles (`…/session%d.h5` -> `session%d.h5`). */
export function familyDisplayName(pattern: string): string {
  const tail =
    pattern
      .split(/[/\\?#]/)
      .filter(Boolean)
      .pop() ?? pattern;
  // `%06d` looks like an escape but is the member number: decode only around the conversion.
  return tail
    .split(CONVERSION_TEXT)
    .map((part) => (CONVERSION_TEXT.test(part) ? part : decodeEscapes(part)))
    .join('');
}

const CONVERSION_TEXT = /(%0?\d*d)/;

function decodeEscapes(text: string): string {
  return text.replace(/%[0-9A-Fa-f]{2}/g, (escape) => {
    try {
      return decodeURIComponent(escape);
    } catch {
      return escape;
    }
  });
}
