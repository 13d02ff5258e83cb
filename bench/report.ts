/** Formatting for the benchmark's console report and its Markdown table. */
import { median, sum, type PhaseResult } from './workload';

export function fmtBytes(n: number): string {
  if (!Number.isFinite(n)) return '-';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** ours ÷ baseline, printed so that below 1 means ours is cheaper. */
export function fmtRatio(ours: number, baseline: number): string {
  if (!Number.isFinite(ours) || !Number.isFinite(baseline) || baseline === 0) return '-';
  const r = ours / baseline;
  if (r === 0) return '0';
  return r >= 0.1 ? r.toFixed(2) : r.toPrecision(2);
}

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const align = header.map((_, i) => (i === 0 ? '---' : '---:'));
  return [line(header), line(align), ...rows.map(line)].join('\n');
}

export function phaseRow(prefix: string, p: PhaseResult): string[] {
  return [`${prefix}${p.label}`, String(p.requests), fmtBytes(p.bytes), fmtMs(p.ms)];
}

/** Sum of a list of phases under a new label. */
export function totalOf(label: string, phases: PhaseResult[]): PhaseResult {
  return {
    label,
    requests: sum(phases.map((p) => p.requests)),
    bytes: sum(phases.map((p) => p.bytes)),
    ms: sum(phases.map((p) => p.ms)),
  };
}

export function medianRequests(phases: PhaseResult[]): number {
  return median(phases.map((p) => p.requests));
}

/** The stronger (faster) h5py peer's time among one task's rows, the ratios' baseline; NaN if none ran. */
export function strongerPeerMs(rows: readonly { who: string; ms: number }[]): number {
  const peers = rows.filter((r) => r.who.startsWith('h5py') && Number.isFinite(r.ms));
  return peers.length ? Math.min(...peers.map((r) => r.ms)) : NaN;
}
