/** Paging through many channels: which ones are drawn, and how many at a time. */
export const PAGE_SIZES = [8, 16, 32, 64] as const;

export interface ChannelPagerProps {
  channels: number;
  page: number;
  pageSize: number;
  onPage(page: number): void;
  onPageSize(size: number): void;
}

export function ChannelPager({ channels, page, pageSize, onPage, onPageSize }: ChannelPagerProps) {
  const pages = Math.max(1, Math.ceil(channels / pageSize));
  const first = page * pageSize;
  const last = Math.min(channels, first + pageSize);
  return (
    <div className="series-pager" role="group" aria-label="Channels">
      <button
        type="button"
        className="button button--small button--secondary"
        onClick={() => onPage(page - 1)}
        disabled={page <= 0}
      >
        ‹ Previous channels
      </button>
      <span className="series-pager__range" data-testid="channel-range">
        Channels {first + 1}–{last} of {channels}
      </span>
      <button
        type="button"
        className="button button--small button--secondary"
        onClick={() => onPage(page + 1)}
        disabled={page >= pages - 1}
      >
        Next channels ›
      </button>
      <label className="series-pager__size">
        per page{' '}
        <select value={pageSize} onChange={(e) => onPageSize(Number(e.target.value))}>
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
