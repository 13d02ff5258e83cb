/** One check of a hyperslab against a dataset's shape, shared by every backend. */
import { ExplorerError } from '../errors';
import type { Selection } from './contract';

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
