/**
 * plotly.js (the trace types the panes draw, see plotlyBundle.ts), loaded on first use so the
 * opening screen does not carry its 1.5 MB. The calls the panes make are typed here.
 */

import { markSpan } from '../../../perf/marks';

/** A trace or layout as plotly takes it: plain data, checked by plotly itself. */
export type PlotObject = Record<string, unknown>;

export interface PlotlyEventTarget extends HTMLDivElement {
  on(event: string, handler: (event: Record<string, unknown>) => void): void;
  removeAllListeners?(event: string): void;
}

export interface PlotlyApi {
  react(
    root: HTMLElement,
    data: PlotObject[],
    layout: PlotObject,
    config?: PlotObject,
  ): Promise<PlotlyEventTarget>;
  purge(root: HTMLElement): void;
  Plots: { resize(root: HTMLElement): void };
}

let loading: Promise<PlotlyApi> | null = null;

export function loadPlotly(): Promise<PlotlyApi> {
  if (!loading) {
    loading = markSpan('plotly', () => import('./plotlyBundle')).then(
      (module) => module.default as unknown as PlotlyApi,
    );
    loading.catch(() => (loading = null));
  }
  return loading;
}
