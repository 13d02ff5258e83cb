/**
 * DANDI's page-number pagination: `page` from 1, `page_size` up to 1000, absolute `next` and
 * `previous` links. Asset listings use the lazy variant, which gives `count` on page 1 only.
 */

export class PageError extends Error {}

export function paginate<T>(
  items: readonly T[],
  requestUrl: URL,
  opts: { lazy: boolean; defaultSize?: number },
): { count: number | null; next: string | null; previous: string | null; results: T[] } {
  const size = Math.min(
    1000,
    Math.max(1, Number(requestUrl.searchParams.get('page_size') ?? opts.defaultSize ?? 100) || 100),
  );
  const page = Number(requestUrl.searchParams.get('page') ?? '1');
  if (!Number.isInteger(page) || page < 1) throw new PageError('Invalid page.');
  const start = (page - 1) * size;
  if (start > 0 && start >= items.length) throw new PageError('Invalid page.');
  const link = (p: number) => {
    const u = new URL(requestUrl);
    if (p === 1) u.searchParams.delete('page');
    else u.searchParams.set('page', String(p));
    return u.toString();
  };
  return {
    count: opts.lazy && page > 1 ? null : items.length,
    next: start + size < items.length ? link(page + 1) : null,
    previous: page > 1 ? link(page - 1) : null,
    results: items.slice(start, start + size),
  };
}
