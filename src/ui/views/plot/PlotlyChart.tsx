/**
 * One plotly chart: draws `data` and `layout` with Plotly.react (which diffs, so a new window or
 * a refined envelope redraws without rebuilding the plot), and reports the user's zoom and pan as
 * an x range, clicks and double clicks. plotly is loaded on first use.
 */
import { useEffect, useRef, useState } from 'react';
import { mark } from '../../../perf/marks';
import { loadPlotly, type PlotObject, type PlotlyApi, type PlotlyEventTarget } from './loadPlotly';

export interface PlotlyChartProps {
  data: PlotObject[];
  layout: PlotObject;
  /** The user zoomed or panned the x axis to [start, end]. */
  onXRange?(range: [number, number]): void;
  /** A point was clicked: its trace's `meta` and its x. */
  onPointClick?(meta: unknown, x: number): void;
  /** Double click (plotly's "reset"). */
  onReset?(): void;
  className?: string;
  /** Names the chart for tests and assistive tech. */
  label: string;
}

interface ClickedPoint {
  x: unknown;
  data: { meta?: unknown };
  xaxis?: { p2d?(pixel: number): number; _offset?: number };
}

/**
 * Where on the x axis the mouse was, in data units. Plotly reports the point it picked, and where
 * markers overlap (a handle per trial, 3 px apart) that is not always the one under the mouse.
 */
function mouseX(root: HTMLElement, point: ClickedPoint, event: unknown): number | null {
  const axis = point.xaxis;
  if (!(event instanceof MouseEvent) || !axis?.p2d || typeof axis._offset !== 'number') return null;
  const x = axis.p2d(event.clientX - root.getBoundingClientRect().left - axis._offset);
  return Number.isFinite(x) ? x : null;
}

export function PlotlyChart({
  data,
  layout,
  onXRange,
  onPointClick,
  onReset,
  className,
  label,
}: PlotlyChartProps) {
  const root = useRef<HTMLDivElement>(null);
  const [plotly, setPlotly] = useState<PlotlyApi | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const handlers = useRef({ onXRange, onPointClick, onReset });
  useEffect(() => {
    handlers.current = { onXRange, onPointClick, onReset };
  });

  useEffect(() => {
    let live = true;
    loadPlotly().then(
      (api) => live && setPlotly(api),
      (error: unknown) => live && setLoadError(String(error)),
    );
    return () => {
      live = false;
    };
  }, []);

  const bound = useRef(false);
  useEffect(() => {
    const el = root.current;
    if (!plotly || !el) return;
    void plotly
      .react(el, data, layout, { displaylogo: false, responsive: true, scrollZoom: true })
      .then((target: PlotlyEventTarget) => {
        if (bound.current) return;
        // Once per chart, not on every redraw (each pan or zoom would add an entry).
        mark('chart-drawn');
        bound.current = true;
        target.on('plotly_relayout', (event) => {
          const start = event['xaxis.range[0]'];
          const end = event['xaxis.range[1]'];
          const range = event['xaxis.range'];
          if (typeof start === 'number' && typeof end === 'number') {
            handlers.current.onXRange?.([start, end]);
          } else if (Array.isArray(range) && typeof range[0] === 'number') {
            handlers.current.onXRange?.([range[0], range[1] as number]);
          } else if (event['xaxis.autorange'] === true) {
            handlers.current.onReset?.();
          }
        });
        target.on('plotly_click', (event) => {
          const points = event.points as ClickedPoint[] | undefined;
          const point = points?.[0];
          if (point && typeof point.x === 'number') {
            const x = mouseX(el, point, event.event) ?? point.x;
            handlers.current.onPointClick?.(point.data.meta, x);
          }
        });
        target.on('plotly_doubleclick', () => handlers.current.onReset?.());
      });
  }, [plotly, data, layout]);

  useEffect(() => {
    const el = root.current;
    return () => {
      if (el && plotly) plotly.purge(el);
      bound.current = false;
    };
  }, [plotly]);

  return (
    <div className={className}>
      {!plotly && !loadError && (
        <p className="muted">
          <span className="spinner spinner--small" /> Loading the plotting library…
        </p>
      )}
      {loadError && <p className="error-text">The plotting library did not load: {loadError}</p>}
      <div ref={root} className="plotly-chart" role="img" aria-label={label} data-testid="plot" />
    </div>
  );
}
