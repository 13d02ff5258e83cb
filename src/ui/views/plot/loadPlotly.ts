/**
 * plotly.js, loaded on first use so the opening screen does not carry its ~3.5 MB. The package
 * ships no types; the few calls the panes make are typed here.
 */

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
    loading = import('plotly.js-dist-min').then(
      (module: { default?: unknown }) => (module.default ?? module) as PlotlyApi,
    );
    loading.catch(() => (loading = null));
  }
  return loading;
}
