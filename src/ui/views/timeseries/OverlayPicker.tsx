/**
 * Intervals and events over the plot, chosen from a list of what the file holds: intervals as
 * shaded spans (each with a handle at the top; clicking it zooms to the span), events as ticks
 * along the bottom. Both use a second y axis fixed to [0, 1] so they span the plot whatever the
 * traces' values are.
 */
import { useEffect, useMemo, useState } from 'react';
import {
  findTimeMarkSources,
  readEventTimes,
  readIntervals,
  type TimeMarkSource,
} from '../../../nwb/timeMarks';
import { useReaderQuery } from '../../data/useReaderQuery';
import type { PlotObject } from '../plot/loadPlotly';

export interface Overlay {
  shapes: PlotObject[];
  traces: PlotObject[];
  onClick?(meta: unknown, x: number, zoom: (range: [number, number]) => void): void;
}

interface Props {
  onOverlay(overlay: Overlay | null): void;
}

const OVERLAY_AXIS = { yaxis: 'y2' };

function intervalOverlay(start: Float64Array, stop: Float64Array): Overlay {
  const shapes: PlotObject[] = [];
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < start.length; i++) {
    shapes.push({
      type: 'rect',
      xref: 'x',
      yref: 'paper',
      x0: start[i],
      x1: stop[i],
      y0: 0,
      y1: 1,
      fillcolor: i % 2 === 0 ? 'rgba(255, 165, 0, 0.18)' : 'rgba(70, 130, 180, 0.16)',
      line: { width: 0 },
      layer: 'below',
    });
    x.push((start[i] + stop[i]) / 2);
    y.push(0.97);
  }
  return {
    shapes,
    traces: [
      {
        type: 'scatter',
        mode: 'markers',
        name: 'intervals',
        x,
        y,
        ...OVERLAY_AXIS,
        marker: { symbol: 'triangle-down', size: 9, color: 'rgba(200, 110, 0, 0.9)' },
        meta: { overlay: 'intervals' },
        hovertemplate: 'interval %{pointNumber}<extra>click to zoom</extra>',
      },
    ],
    onClick(meta, clickedX, zoom) {
      if (!meta || (meta as { overlay?: string }).overlay !== 'intervals') return;
      // The handle clicked is the one whose middle is nearest to the click.
      let best = -1;
      let distance = Infinity;
      for (let i = 0; i < x.length; i++) {
        const d = Math.abs(x[i] - clickedX);
        if (d < distance) {
          best = i;
          distance = d;
        }
      }
      if (best < 0) return;
      const pad = (stop[best] - start[best]) * 0.05 || 0.5;
      zoom([start[best] - pad, stop[best] + pad]);
    },
  };
}

function eventOverlay(times: Float64Array): Overlay {
  const x: (number | null)[] = [];
  const y: (number | null)[] = [];
  for (const t of times) {
    x.push(t, t, null);
    y.push(0, 0.06, null);
  }
  return {
    shapes: [],
    traces: [
      {
        type: 'scatter',
        mode: 'lines',
        name: 'events',
        x,
        y,
        ...OVERLAY_AXIS,
        line: { color: 'rgba(180, 0, 90, 0.9)', width: 1.5 },
        hoverinfo: 'x',
        meta: { overlay: 'events' },
      },
    ],
  };
}

export function OverlayPicker({ onOverlay }: Props) {
  const sources = useReaderQuery('time-mark-sources', (reader, signal) =>
    findTimeMarkSources(reader, { signal }),
  );
  const [chosen, setChosen] = useState<string>('');
  const list: TimeMarkSource[] = useMemo(
    () => (sources.status === 'ok' ? sources.data : []),
    [sources],
  );
  const source = list.find((s) => s.path === chosen) ?? null;
  const marks = useReaderQuery(
    source ? `marks:${source.kind}:${source.path}` : null,
    async (reader, signal) => {
      if (source!.kind === 'intervals') {
        const intervals = await readIntervals(reader, source!.path, { signal });
        return {
          overlay: intervalOverlay(intervals.start, intervals.stop),
          count: intervals.start.length,
          cut: intervals.cut,
        };
      }
      const events = await readEventTimes(reader, source!.path, { signal });
      return { overlay: eventOverlay(events.values), count: events.values.length, cut: events.cut };
    },
  );

  useEffect(() => {
    onOverlay(marks.status === 'ok' && source ? marks.data.overlay : null);
  }, [marks, source, onOverlay]);

  if (list.length === 0) return null;
  return (
    <label className="series-overlay">
      Overlay{' '}
      <select
        value={chosen}
        onChange={(e) => setChosen(e.target.value)}
        aria-label="Overlay intervals or events"
      >
        <option value="">none</option>
        {list.map((s) => (
          <option key={s.path} value={s.path}>
            {s.kind === 'intervals' ? 'intervals' : 'events'}: {s.name}
          </option>
        ))}
      </select>
      {marks.status === 'loading' && <span className="spinner spinner--small" />}
      {marks.status === 'ok' && (
        <span className="muted" data-testid="overlay-count">
          {' '}
          {marks.data.count} {source?.kind === 'intervals' ? 'spans' : 'events'}
          {marks.data.cut && ' (the first ones only)'}
        </span>
      )}
      {marks.status === 'error' && <span className="error-text"> could not be read</span>}
    </label>
  );
}
