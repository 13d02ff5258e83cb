/**
 * The time-series pane: a TimeSeries (any subtype) drawn over a time window. The whole recording
 * is the first view (an envelope that fills in progressively, kept persistently once finished);
 * zoom and pan read only the window shown, as an envelope per pixel column or, zoomed in far
 * enough, raw samples. Many channels are paged and stacked. The window rides in the address.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import './series.css';
import { axisBounds, TimeSearcher } from '../../../nwb/timeAxis';
import { describeSeries, readChannelLabels, type SeriesDescription } from '../../../nwb/timeSeries';
import { useReader } from '../../data/ReaderContext';
import { useReaderQuery } from '../../data/useReaderQuery';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { PlotlyChart } from '../plot/PlotlyChart';
import type { PlotObject } from '../plot/loadPlotly';
import { canUseWebGL } from '../plot/webgl';
import type { ViewProps } from '../types';
import { buildTraces } from './buildTraces';
import { PAGE_SIZES, Pager } from './Pager';
import { OverlayPicker, type Overlay } from './OverlayPicker';
import { readTimeWindowParam, writeTimeWindowParam } from './timeWindowParam';
import { useElementWidth } from './useElementWidth';
import { useWindowData } from './useWindowData';

/** Bins of the whole-recording overview: fixed, so a stored envelope fits every screen. */
export const OVERVIEW_BINS = 2000;

export function TimeSeriesView({ path }: Pick<ViewProps, 'path'>) {
  const desc = useReaderQuery(`series:${path}`, (reader, signal) =>
    describeSeries(reader, path, { signal }),
  );
  if (desc.status === 'loading' || desc.status === 'idle') {
    return (
      <p className="muted">
        <span className="spinner spinner--small" /> Reading the series…
      </p>
    );
  }
  if (desc.status === 'error') {
    return <ErrorMessage error={desc.error} context={`Reading ${path}`} onRetry={desc.retry} />;
  }
  return <SeriesPlot desc={desc.data} />;
}

function clampWindow(
  range: [number, number] | null,
  bounds: [number, number] | null,
): [number, number] | null {
  if (!range || !bounds) return null;
  const start = Math.max(bounds[0], range[0]);
  const end = Math.min(bounds[1], range[1]);
  if (!(end > start)) return null;
  // A window that covers (nearly) everything is the overview.
  if (start <= bounds[0] && end >= bounds[1]) return null;
  return [start, end];
}

function SeriesPlot({ desc }: { desc: SeriesDescription }) {
  const reader = useReader();
  const searcher = useMemo(
    () => (desc.axis ? new TimeSearcher(reader, desc.axis) : null),
    [reader, desc],
  );
  const bounds = useMemo(() => (desc.axis ? axisBounds(desc.axis) : null), [desc]);
  const [window, setWindow] = useState(() => clampWindow(readTimeWindowParam(), bounds));
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(16);
  const [overlay, setOverlay] = useState<Overlay | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box);

  useEffect(() => writeTimeWindowParam(window), [window]);

  const drawable = desc.numeric && searcher !== null && (desc.data?.shape?.length ?? 0) <= 2;
  const channels = desc.channels;
  const pageStart = Math.min(page * pageSize, Math.max(0, channels - 1));
  const pageStop = Math.min(channels, pageStart + pageSize);
  const bins = window ? Math.max(100, Math.ceil(width / 100) * 100) : OVERVIEW_BINS;
  const request = useMemo(
    () =>
      drawable && searcher
        ? {
            desc,
            searcher,
            window,
            // The overview reads every column once, so paging through channels costs nothing.
            columns: window ? { start: pageStart, stop: pageStop } : null,
            bins,
          }
        : null,
    [drawable, searcher, desc, window, pageStart, pageStop, bins],
  );
  const state = useWindowData(request);

  const labels = useReaderQuery(desc.electrodes ? `labels:${desc.path}` : null, (r, signal) =>
    readChannelLabels(r, desc.electrodes!, channels, { signal }),
  );
  // The query's state object is new on every render; its data is not (it comes from the cache).
  // Depending on the data alone keeps the traces, and so plotly's costly redraw, from following
  // every render.
  const allLabels = labels.status === 'ok' ? labels.data : null;
  const pageLabels = useMemo(
    () =>
      Array.from(
        { length: pageStop - pageStart },
        (_, i) => allLabels?.[pageStart + i] ?? `ch ${pageStart + i}`,
      ),
    [allLabels, pageStart, pageStop],
  );

  const traceSet = useMemo(
    () =>
      state.data
        ? buildTraces(state.data, {
            start: pageStart,
            stop: pageStop,
            labels: pageLabels,
            conversion: desc.conversion,
            offset: desc.offset,
            webgl: canUseWebGL(),
          })
        : null,
    [state.data, pageStart, pageStop, pageLabels, desc],
  );

  const shown = window ?? bounds;
  const stacked = (traceSet?.tickValues.length ?? 0) > 0;
  const unit = desc.unit ?? 'value';
  const layout = useMemo<PlotObject>(
    () => ({
      height: stacked ? Math.min(900, 120 + 28 * (pageStop - pageStart)) : 320,
      margin: { l: stacked ? 110 : 70, r: 20, t: 10, b: 45 },
      showlegend: false,
      xaxis: {
        title: { text: `time (${desc.axis?.unit ?? 'seconds'})` },
        // A copy: plotly writes the zoomed range into the array it is given, which would move
        // the recording's bounds (or the window) under the view and hide the zoom from it.
        range: shown ? [shown[0], shown[1]] : undefined,
        autorange: shown ? false : true,
      },
      yaxis: stacked
        ? {
            title: { text: `${unit}, stacked` },
            tickvals: traceSet?.tickValues,
            ticktext: traceSet?.tickText,
            zeroline: false,
            fixedrange: true,
          }
        : { title: { text: unit }, fixedrange: true },
      shapes: overlay?.shapes ?? [],
      // Intervals and events sit on their own axis, fixed to the height of the plot.
      yaxis2: { overlaying: 'y', range: [0, 1], visible: false, fixedrange: true },
      dragmode: 'zoom',
    }),
    [stacked, pageStop, pageStart, desc, shown, unit, traceSet, overlay],
  );
  const data = useMemo<PlotObject[]>(
    () => [...(traceSet?.traces ?? []), ...(overlay?.traces ?? [])],
    [traceSet, overlay],
  );

  const onXRange = (range: [number, number]) => setWindow(clampWindow(range, bounds));
  const mode = state.data?.mode;
  return (
    <section className="series-view" aria-label="Time series plot">
      {desc.problems.map((problem) => (
        <p key={problem} className="notice" role="status">
          {problem}
        </p>
      ))}
      {drawable && (
        <>
          <div className="series-toolbar">
            {channels > PAGE_SIZES[0] && (
              <Pager
                total={channels}
                noun="channels"
                page={Math.floor(pageStart / pageSize)}
                pageSize={pageSize}
                sizes={PAGE_SIZES}
                onPage={setPage}
                onPageSize={setPageSize}
              />
            )}
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => setWindow(null)}
              disabled={window === null}
            >
              Whole recording
            </button>
            <OverlayPicker onOverlay={setOverlay} />
          </div>
          <p
            className="series-status muted"
            data-testid="series-status"
            data-mode={mode ?? ''}
            data-rows={state.data ? state.data.rows.join(',') : ''}
            data-complete={state.data?.complete ? 'true' : 'false'}
            data-loading={state.loading ? 'true' : 'false'}
          >
            {shown && `${shown[0].toFixed(3)}–${shown[1].toFixed(3)} s`}
            {state.data &&
              ` · ${mode === 'raw' ? 'raw samples' : 'min/max per pixel column'} · samples ${state.data.rows[0].toLocaleString('en-US')}–${state.data.rows[1].toLocaleString('en-US')}`}
            {state.loading && (
              <span className="series-progress">
                {' · '}
                reading
                {state.progress !== null &&
                  state.progress > 0 &&
                  ` ${Math.round(state.progress * 100)}%`}{' '}
                <progress max={1} value={state.progress ?? undefined} />{' '}
                <button type="button" className="link-button" onClick={state.cancel}>
                  Cancel
                </button>
              </span>
            )}
            {state.cancelled && (
              <>
                {' · cancelled '}
                <button type="button" className="link-button" onClick={state.retry}>
                  Read again
                </button>
              </>
            )}
          </p>
          {traceSet && traceSet.gaps > 0 && (
            <p className="notice" role="status" data-testid="series-gaps">
              {traceSet.gaps.toLocaleString('en-US')}{' '}
              {state.data?.mode === 'raw' ? 'samples' : 'pixel columns'} of these channels hold no
              number (NaN); they are drawn as gaps.
            </p>
          )}
          {state.data && searcher?.nonMonotonic && (
            <p className="notice" role="status">
              The timestamps go backwards in places, so times found on this axis are only
              approximate.
            </p>
          )}
          {state.error && (
            <ErrorMessage error={state.error} context="Reading this window" onRetry={state.retry} />
          )}
          <div ref={box} className="series-plot" data-mode={mode ?? ''}>
            <PlotlyChart
              label={`Plot of ${desc.path}`}
              data={data}
              layout={layout}
              onXRange={onXRange}
              onReset={() => setWindow(null)}
              onPointClick={(meta, x) =>
                overlay?.onClick?.(meta, x, (r) => setWindow(clampWindow(r, bounds)))
              }
            />
          </div>
        </>
      )}
    </section>
  );
}
