/**
 * The units pane: a spike raster of a page of units over a time window. The spike times of the
 * page's units are read once (only their runs of the ragged spike_times column); zooming and
 * panning then search them in memory. A window with too many spikes to draw one by one becomes
 * counts per unit and pixel column.
 */
import { useEffect, useMemo, useState } from 'react';
import { describeUnits, type UnitsInfo } from '../../../nwb/spikeRaster';
import { readSpikesInWindow, SpikeTimesSearcher, spikeTimeBounds } from '../../../nwb/spikeWindow';
import { useReaderQuery } from '../../data/useReaderQuery';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { PlotlyChart } from '../plot/PlotlyChart';
import type { PlotObject } from '../plot/loadPlotly';
import { OverlayPicker, type Overlay } from '../timeseries/OverlayPicker';
import { Pager } from '../timeseries/Pager';
import { readTimeWindowParam, writeTimeWindowParam } from '../timeseries/timeWindowParam';
import type { ViewProps } from '../types';
import '../timeseries/series.css';

const UNIT_PAGE_SIZES = [50, 100, 250, 1000] as const;
/** Spikes drawn one by one at most; more become counts per bin. */
const MAX_TICKS = 100_000;
const COUNT_BINS = 500;
/** The first window shown: the start of the session, this long. */
const FIRST_WINDOW_S = 30;

export function RasterView({ path }: Pick<ViewProps, 'path'>) {
  const units = useReaderQuery(`units:${path}`, (reader, signal) =>
    describeUnits(reader, path, { signal }),
  );
  if (units.status === 'loading' || units.status === 'idle') {
    return (
      <p className="muted">
        <span className="spinner spinner--small" /> Reading the units…
      </p>
    );
  }
  if (units.status === 'error') {
    return (
      <ErrorMessage error={units.error} context="Reading the spike times" onRetry={units.retry} />
    );
  }
  return <Raster units={units.data} />;
}

function Raster({ units }: { units: UnitsInfo }) {
  const [pageSize, setPageSize] = useState<number>(100);
  const [page, setPage] = useState(0);
  const first = Math.min(page * pageSize, Math.max(0, units.count - 1));
  const last = Math.min(units.count, first + pageSize);
  // One searcher per table: its blocks of spike_times serve every page and window.
  const searcher = useReaderQuery(`spike-searcher:${units.path}`, (reader, signal) =>
    SpikeTimesSearcher.open(reader, units, { signal }),
  );
  const ready = searcher.status === 'ok' ? searcher.data : null;
  const boundsQuery = useReaderQuery(
    ready ? `spike-bounds:${units.path}:${first}-${last}` : null,
    (_reader, signal) => spikeTimeBounds(ready!, units, first, last, { signal }),
  );
  const bounds = boundsQuery.status === 'ok' ? boundsQuery.data : null;
  const [window, setWindow] = useState<[number, number] | null>(() => readTimeWindowParam());
  const [overlay, setOverlay] = useState<Overlay | null>(null);
  const shown = useMemo<[number, number] | null>(
    () => window ?? (bounds ? [bounds[0], Math.min(bounds[1], bounds[0] + FIRST_WINDOW_S)] : null),
    [window, bounds],
  );
  useEffect(() => writeTimeWindowParam(window), [window]);
  const spikes = useReaderQuery(
    ready && shown ? `spikes:${units.path}:${first}-${last}:${shown[0]}:${shown[1]}` : null,
    (_reader, signal) => readSpikesInWindow(ready!, units, first, last, shown!, { signal }),
  );
  // The last window read stays drawn while the next one loads (no blank frame on a pan).
  // Keyed on the data, not the query's state object (which is new on every render).
  const spikesData = spikes.status === 'ok' ? spikes.data : null;
  const fresh = useMemo(
    () => (spikesData && shown ? { inside: spikesData, shown } : null),
    [spikesData, shown],
  );
  const [held, setHeld] = useState<typeof fresh>(null);
  // Adjusted while rendering (React's pattern for state derived from a changed input).
  if (fresh && fresh !== held) setHeld(fresh);
  const current = fresh ?? held;

  const drawn = useMemo(() => {
    if (!current) return null;
    const { inside, shown } = current;
    const total = inside.reduce((n, t) => n + t.length, 0);
    let trace: PlotObject;
    if (total <= MAX_TICKS) {
      const x: number[] = [];
      const y: number[] = [];
      inside.forEach((times, k) => {
        for (const t of times) {
          x.push(t);
          y.push(first + k);
        }
      });
      trace = {
        type: 'scatter',
        mode: 'markers',
        name: 'spikes',
        x,
        y,
        marker: { symbol: 'line-ns-open', size: 7, color: '#1f3b73', line: { width: 1 } },
        hovertemplate: 'unit %{y}<br>%{x:.4f} s<extra></extra>',
      };
    } else {
      const width = (shown[1] - shown[0]) / COUNT_BINS;
      const z = inside.map((times) => {
        const row = new Array<number>(COUNT_BINS).fill(0);
        for (const t of times) row[Math.min(COUNT_BINS - 1, Math.floor((t - shown[0]) / width))]++;
        return row;
      });
      trace = {
        type: 'heatmap',
        name: 'spike counts',
        z,
        x0: shown[0] + width / 2,
        dx: width,
        y0: first,
        dy: 1,
        colorscale: 'Greys',
        reversescale: true,
        colorbar: { title: { text: 'spikes' } },
      };
    }
    return { trace, total, mode: total <= MAX_TICKS ? 'ticks' : 'counts' };
  }, [current, first]);

  const layout = useMemo<PlotObject>(
    () => ({
      height: Math.min(900, 160 + 4 * (last - first)),
      margin: { l: 60, r: 20, t: 10, b: 45 },
      showlegend: false,
      // A copy: plotly writes the zoomed range into the array it is given.
      xaxis: { title: { text: 'time (s)' }, range: shown ? [shown[0], shown[1]] : undefined },
      yaxis: {
        title: { text: 'unit' },
        range: [last - 0.5, first - 0.5],
        fixedrange: true,
        // Plotly's zero line would sit on the first unit's row and hide its spikes.
        zeroline: false,
      },
      yaxis2: { overlaying: 'y', range: [0, 1], visible: false, fixedrange: true },
      shapes: overlay?.shapes ?? [],
    }),
    [first, last, shown, overlay],
  );
  const data = useMemo(
    () => [...(drawn ? [drawn.trace] : []), ...(overlay?.traces ?? [])],
    [drawn, overlay],
  );

  return (
    <section className="series-view" aria-label="Spike raster">
      <div className="series-toolbar">
        <Pager
          total={units.count}
          noun="units"
          page={Math.floor(first / pageSize)}
          pageSize={pageSize}
          sizes={UNIT_PAGE_SIZES}
          onPage={setPage}
          onPageSize={setPageSize}
        />
        <OverlayPicker onOverlay={setOverlay} />
      </div>
      <p
        className="series-status muted"
        data-testid="raster-status"
        data-spikes={drawn ? String(drawn.total) : ''}
        data-mode={drawn?.mode ?? ''}
      >
        {shown && `${shown[0].toFixed(3)}–${shown[1].toFixed(3)} s`}
        {drawn && ` · ${drawn.total.toLocaleString('en-US')} spikes in view`}
        {drawn?.mode === 'counts' && ' (too many to draw one by one: counts per column)'}
        {spikes.status === 'loading' && (
          <>
            {' · '}
            <span className="spinner spinner--small" /> reading spike times…
          </>
        )}
      </p>
      {spikes.status === 'error' && (
        <ErrorMessage error={spikes.error} context="Reading spike times" onRetry={spikes.retry} />
      )}
      {drawn && (
        <PlotlyChart
          label={`Spike raster of ${units.path}`}
          data={data}
          layout={layout}
          onXRange={(range) => setWindow(range)}
          onReset={() => setWindow(bounds)}
          onPointClick={(meta, x) => overlay?.onClick?.(meta, x, setWindow)}
        />
      )}
    </section>
  );
}
