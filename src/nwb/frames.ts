/**
 * Frames of image data: a 2-D dataset is one frame; 3-D is a stack of frames along the first
 * dimension (ImageSeries, TwoPhotonSeries, PlaneSegmentation image masks), except an RGB(A) image
 * whose last dimension is 3 or 4; 4-D is a stack of colour frames. One frame is read at a time.
 */
import { ExplorerError } from '../errors';
import type { DataReader, DatasetInfo, ReadOptions, Selection } from '../reader/contract';

export interface FrameLayout {
  frames: number;
  height: number;
  width: number;
  /** Colour channels per pixel (1 for greyscale). */
  colours: number;
}

export function frameLayout(info: DatasetInfo): FrameLayout | null {
  const shape = info.shape ?? [];
  if (!['int', 'uint', 'float', 'bool'].includes(info.dtype.class)) return null;
  const rgb = (n: number | undefined) => n === 3 || n === 4;
  if (shape.length === 2) return { frames: 1, height: shape[0], width: shape[1], colours: 1 };
  if (shape.length === 3 && rgb(shape[2]) && shape[0] > 4 && shape[1] > 4) {
    return { frames: 1, height: shape[0], width: shape[1], colours: shape[2] };
  }
  if (shape.length === 3)
    return { frames: shape[0], height: shape[1], width: shape[2], colours: 1 };
  if (shape.length === 4 && rgb(shape[3])) {
    return { frames: shape[0], height: shape[1], width: shape[2], colours: shape[3] };
  }
  return null;
}

export interface Frame {
  index: number;
  height: number;
  width: number;
  colours: number;
  /** Row-major [y][x][colour] values. */
  values: Float64Array;
}

export async function readFrame(
  reader: DataReader,
  path: string,
  layout: FrameLayout,
  index: number,
  options?: ReadOptions,
): Promise<Frame> {
  if (index < 0 || index >= layout.frames)
    throw new ExplorerError('internal', `No frame ${index}.`);
  const info = await reader.describeDataset(path, options);
  const dims = info.shape?.length ?? 0;
  const whole = (n: number) => ({ start: 0, stop: n });
  let selection: Selection;
  if (dims === 2) selection = [whole(layout.height), whole(layout.width)];
  else if (layout.frames === 1)
    selection = [whole(layout.height), whole(layout.width), whole(layout.colours)];
  else if (dims === 3)
    selection = [{ start: index, stop: index + 1 }, whole(layout.height), whole(layout.width)];
  else
    selection = [
      { start: index, stop: index + 1 },
      whole(layout.height),
      whole(layout.width),
      whole(layout.colours),
    ];
  const slice = await reader.readSlice(path, selection, options);
  return {
    index,
    height: layout.height,
    width: layout.width,
    colours: layout.colours,
    values: Float64Array.from(slice.values as ArrayLike<number>, Number),
  };
}

/** The `external_file` names of an ImageSeries whose frames live in other files. */
export async function externalFiles(
  reader: DataReader,
  seriesPath: string,
  options?: ReadOptions,
): Promise<string[]> {
  const path = `${seriesPath}/external_file`;
  if ((await reader.getKind(path, options)) !== 'dataset') return [];
  const info = await reader.describeDataset(path, options);
  const n = Math.min(info.shape?.[0] ?? 1, 1000);
  const slice = await reader.readSlice(
    path,
    info.shape?.length ? [{ start: 0, stop: n }] : [],
    options,
  );
  return Array.from(slice.values as ArrayLike<unknown>, (v) => String(v));
}
