/**
 * Frames of image data, one read at a time: a slider picks the frame, a heatmap draws it with a
 * colour scale (colour images as they are). An ImageSeries whose frames live in external files
 * names those files instead.
 */
import { useMemo, useState } from 'react';
import {
  externalFiles,
  frameLayout,
  isImageMask,
  readFrame,
  type FrameLayout,
} from '../../../nwb/frames';
import { useDatasetInfo } from '../../data/readerQueries';
import { useReaderQuery } from '../../data/useReaderQuery';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { PlotlyChart } from '../plot/PlotlyChart';
import type { PlotObject } from '../plot/loadPlotly';
import type { ViewProps } from '../types';
import '../timeseries/series.css';

// Viridis first: perceptually even and readable in colour and in grey.
const COLOUR_SCALES = ['Viridis', 'Greys', 'Hot', 'RdBu'] as const;

/** For a group (ImageSeries, TwoPhotonSeries) the frames are its `data`; a dataset is its own. */
export function FrameView({ path, kind }: Pick<ViewProps, 'path' | 'kind'>) {
  const dataPath = kind === 'group' ? `${path}/data` : path;
  const source = kind === 'group' || isImageMask(path) ? 'stack' : 'image';
  const files = useReaderQuery(kind === 'group' ? `external:${path}` : null, (reader, signal) =>
    externalFiles(reader, path, { signal }),
  );
  const info = useDatasetInfo(dataPath);
  const external = files.status === 'ok' ? files.data : [];
  return (
    <section className="series-view" aria-label="Frames">
      {external.length > 0 && (
        <div className="notice" data-testid="external-files">
          The frames of this series are in{' '}
          {external.length === 1 ? 'an external file' : 'external files'}:
          <ul>
            {external.map((name) => (
              <li key={name}>
                <code>{name}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {info.status === 'loading' && (
        <p className="muted">
          <span className="spinner spinner--small" /> Reading…
        </p>
      )}
      {info.status === 'error' && external.length === 0 && (
        <ErrorMessage error={info.error} context={`Reading ${dataPath}`} onRetry={info.retry} />
      )}
      {info.status === 'ok' && (
        <Frames
          dataPath={dataPath}
          layout={frameLayout(info.data, source)}
          shape={info.data.shape}
        />
      )}
    </section>
  );
}

function Frames({
  dataPath,
  layout,
  shape,
}: {
  dataPath: string;
  layout: FrameLayout | null;
  shape: number[] | null;
}) {
  const [index, setIndex] = useState(0);
  const [scale, setScale] = useState<(typeof COLOUR_SCALES)[number]>('Viridis');
  const readable = layout !== null && layout.frames > 0;
  const frame = useReaderQuery(readable ? `frame:${dataPath}:${index}` : null, (reader, signal) =>
    readFrame(reader, dataPath, layout!, index, { signal }),
  );
  const trace = useMemo<PlotObject | null>(() => {
    if (frame.status !== 'ok') return null;
    const f = frame.data;
    if (f.colours === 1) {
      const z: number[][] = [];
      for (let y = 0; y < f.height; y++)
        z.push(Array.from(f.values.subarray(y * f.width, (y + 1) * f.width)));
      return {
        type: 'heatmap',
        z,
        colorscale: scale,
        colorbar: { thickness: 12 },
        hovertemplate: 'x %{x}, y %{y}: %{z}<extra></extra>',
      };
    }
    // Colour frames: plotly's image trace takes [y][x][r, g, b(, a)].
    const z: number[][][] = [];
    for (let y = 0; y < f.height; y++) {
      const row: number[][] = [];
      for (let x = 0; x < f.width; x++) {
        const at = (y * f.width + x) * f.colours;
        row.push(Array.from(f.values.subarray(at, at + f.colours)));
      }
      z.push(row);
    }
    return { type: 'image', z, colormodel: f.colours === 4 ? 'rgba' : 'rgb' };
  }, [frame, scale]);
  const layoutObject = useMemo<PlotObject>(
    () => ({
      height: 460,
      margin: { l: 50, r: 20, t: 10, b: 40 },
      yaxis: { autorange: 'reversed', scaleanchor: 'x', constrain: 'domain' },
      xaxis: { constrain: 'domain' },
    }),
    [],
  );
  const data = useMemo(() => (trace ? [trace] : []), [trace]);

  if (!layout) {
    return (
      <p className="notice" role="status">
        A dataset of shape [{shape?.join(', ') ?? 'null'}] is not a frame or a stack of frames.
      </p>
    );
  }
  if (layout.frames === 0) {
    return (
      <p className="notice" role="status" data-testid="no-frames">
        No frames are stored in this file: the data has shape [{shape?.join(', ')}].
      </p>
    );
  }
  return (
    <>
      <div className="frame-controls">
        {layout.frames > 1 && (
          <>
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => setIndex(Math.max(0, index - 1))}
              disabled={index === 0}
            >
              ‹ Previous frame
            </button>
            <input
              type="range"
              min={0}
              max={layout.frames - 1}
              value={index}
              onChange={(e) => setIndex(Number(e.target.value))}
              aria-label="Frame"
            />
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => setIndex(Math.min(layout.frames - 1, index + 1))}
              disabled={index >= layout.frames - 1}
            >
              Next frame ›
            </button>
          </>
        )}
        <span data-testid="frame-index">
          Frame {index + 1} of {layout.frames} · {layout.height} × {layout.width}
          {layout.colours > 1 ? ` × ${layout.colours}` : ''}
        </span>
        {layout.colours === 1 && (
          <label>
            colours{' '}
            <select
              value={scale}
              onChange={(e) => setScale(e.target.value as (typeof COLOUR_SCALES)[number])}
            >
              {COLOUR_SCALES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        )}
        {frame.status === 'loading' && <span className="spinner spinner--small" />}
      </div>
      {frame.status === 'error' && (
        <ErrorMessage
          error={frame.error}
          context={`Reading frame ${index + 1}`}
          onRetry={frame.retry}
        />
      )}
      {trace && (
        <PlotlyChart
          label={`Frame ${index + 1} of ${dataPath}`}
          data={data}
          layout={layoutObject}
        />
      )}
    </>
  );
}
