/** The checks of a hyperslab (against a dataset's shape, against one read's limits), shared by every backend. */
import { ExplorerError } from '../errors';
import { limits, type Selection } from './contract';

/** Each dimension's [start, stop, step], or an error naming the dimension that is out of range. */
export function checkSelection(
  path: string,
  shape: readonly number[],
  selection: Selection,
): [number, number, number][] {
  if (selection.length !== shape.length) {
    throw new ExplorerError(
      'internal',
      `${path} has ${shape.length} dimensions; the selection has ${selection.length}.`,
    );
  }
  return selection.map(({ start, stop, step = 1 }, dim) => {
    const valid =
      Number.isInteger(start) &&
      Number.isInteger(stop) &&
      Number.isInteger(step) &&
      step >= 1 &&
      start >= 0 &&
      start <= stop &&
      stop <= shape[dim];
    if (!valid) {
      throw new ExplorerError(
        'internal',
        `Selection ${start}:${stop}:${step} is outside dimension ${dim} (size ${shape[dim]}) of ${path}.`,
      );
    }
    return [start, stop, step];
  });
}

/**
 * The selected block's shape and element count, or 'too-large' when one read may not hold it
 * (`limits`): the client tiles anything larger.
 */
export function checkReadSize(
  ranges: readonly [number, number, number][],
  elementBytes: number,
): { outShape: number[]; count: number } {
  const outShape = ranges.map(([start, stop, step]) => Math.ceil((stop - start) / step));
  const count = outShape.reduce((a, b) => a * b, 1);
  if (count > limits.maxElementsPerRead || count * elementBytes > limits.maxBytesPerRead) {
    throw new ExplorerError(
      'too-large',
      `Reading ${count.toLocaleString('en-US')} elements at once is more than one read allows; read it in tiles.`,
    );
  }
  return { outShape, count };
}
