/** Paging through many rows of a plot (channels, units): which ones are drawn, and how many. */
export const PAGE_SIZES = [8, 16, 32, 64] as const;

export interface PagerProps {
  total: number;
  /** What is paged, plural: "channels", "units". */
  noun: string;
  page: number;
  pageSize: number;
  sizes: readonly number[];
  onPage(page: number): void;
  onPageSize(size: number): void;
}

export function Pager({ total, noun, page, pageSize, sizes, onPage, onPageSize }: PagerProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = page * pageSize;
  const last = Math.min(total, first + pageSize);
  const title = noun[0].toUpperCase() + noun.slice(1);
  return (
    <div className="series-pager" role="group" aria-label={title}>
      <button
        type="button"
        className="button button--small button--secondary"
        onClick={() => onPage(page - 1)}
        disabled={page <= 0}
      >
        ‹ Previous {noun}
      </button>
      <span className="series-pager__range" data-testid={`${noun.replace(/s$/, '')}-range`}>
        {title} {first + 1}–{last} of {total}
      </span>
      <button
        type="button"
        className="button button--small button--secondary"
        onClick={() => onPage(page + 1)}
        disabled={page >= pages - 1}
      >
        Next {noun} ›
      </button>
      <label className="series-pager__size">
        per page{' '}
        <select
          value={pageSize}
          onChange={(e) => {
            const size = Number(e.target.value);
            // Keep the first row shown on the new page.
            onPage(Math.floor(first / size));
            onPageSize(size);
          }}
        >
          {sizes.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
