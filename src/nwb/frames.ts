/**
 * Frames of image data. What the axes mean depends on where the data sits, as the NWB schema
 * says: an ImageSeries' `data` and a PlaneSegmentation's `image_mask` are stacks with the frame
 * first ([frame, x, y] or [frame, x, y, colour]), even when they hold a single frame; an Image is
 * one frame ([x, y] or [x, y, colour] with 3 or 4 colours). One frame is read at a time.
 */
import { ExplorerError } from '../errors';
import type { DataReader, DatasetInfo, ReadOptions, Selection } from '../reader/contract';

/** `stack`: frames along the first axis (series, image masks); `image`: one picture. */
export type FrameSource = 'stack' | 'image';

export interface FrameLayout {
  /** 0 when the data holds no frame at all (an ImageSeries whose frames are in external files). */
  frames: number;
  height: number;
  width: number;
  /** Colour channels per pixel (1 for greyscale). */
  colours: number;
  /** Whether the first axis counts frames (so a frame is read as one index of it). */
  stacked: boolean;
}

/** PlaneSegmentation.image_mask is a plain VectorData of [rois, x, y], known by its name. */
export function isImageMask(path: string): boolean {
  return /\/image_mask$/.test(path);
}

export function frameLayout(info: DatasetInfo, source: FrameSource): FrameLayout | null {
  const shape = info.shape ?? [];
  if (!['int', 'uint', 'float', 'bool'].includes(info.dtype.class)) return null;
  const colour = (n: number | undefined) => n === 3 || n === 4;
  const one = (height: number, width: number, colours: number) =>
    emptyIfNothing({ frames: 1, height, width, colours, stacked: false });
  const stack = (frames: number, height: number, width: number, colours: number) =>
    emptyIfNothing({ frames, height, width, colours, stacked: true });
  if (shape.length === 2) return one(shape[0], shape[1], 1);
  if (source === 'image' && shape.length === 3 && colour(shape[2]))
    return one(shape[0], shape[1], shape[2]);
  if (shape.length === 3) return stack(shape[0], shape[1], shape[2], 1);
  if (shape.length === 4 && colour(shape[3])) return stack(shape[0], shape[1], shape[2], shape[3]);
  return null;
}

/** A layout with an empty axis holds no frame: say so with 0 frames rather than a 0-pixel one. */
function emptyIfNothing(layout: FrameLayout): FrameLayout {
  const empty = layout.frames === 0 || layout.height === 0 || layout.width === 0;
  return empty ? { ...layout, frames: 0 } : layout;
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
  const whole = (n: number) => ({ start: 0, stop: n });
  const pixel = [whole(layout.height), whole(layout.width)];
  const colour = layout.colours > 1 ? [whole(layout.colours)] : [];
  const frame = layout.stacked ? [{ start: index, stop: index + 1 }] : [];
  const selection: Selection = [...frame, ...pixel, ...colour];
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
