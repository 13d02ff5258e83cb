/** What to say about values once a large read is done: count, min, max, mean, NaNs. */
import type { NumericArray, Value } from '../../reader/contract';

export interface NumericSummary {
  count: number;
  min: number | bigint | null;
  max: number | bigint | null;
  mean: number | null;
  nanCount: number;
}

export function summarizeValues(values: NumericArray | Value[]): NumericSummary | null {
  if (!ArrayBuffer.isView(values)) return null;
  let min: number | bigint | null = null;
  let max: number | bigint | null = null;
  let sum = 0;
  let finite = 0;
  let nanCount = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' && Number.isNaN(v)) {
      nanCount++;
      continue;
    }
    if (min === null || v < min) min = v;
    if (max === null || v > max) max = v;
    sum += Number(v);
    finite++;
  }
  return { count: values.length, min, max, mean: finite ? sum / finite : null, nanCount };
}
