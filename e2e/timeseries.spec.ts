/**
 * The time-series pane in Chromium, checked by what is drawn: the traces plotly holds (their
 * points, compared with h5dump-independent facts of the files) and the pixels of a screenshot,
 * not only the absence of an error.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { makeSyntheticSession } from '../scripts/make-synthetic-session';
import { GENERATED, TESTDATA, expect, files, openFile, test } from './fixtures';

const SESSION = 'timeseries_e2e_session.nwb';

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const out = path.join(GENERATED, SESSION);
  if (!existsSync(out)) await makeSyntheticSession({ out, scale: 0.1, log: () => {} });
});

const info = (page: Page) => page.getByRole('region', { name: 'Selected object' });
const status = (page: Page) => page.getByTestId('series-status');

interface DrawnTrace {
  name: string;
  points: number;
  xMin: number;
  xMax: number;
  yFinite: number;
}

/** What plotly holds for the chart: one entry per trace. */
async function drawnTraces(plot: Locator): Promise<DrawnTrace[]> {
  return plot.evaluate((el) => {
    const data =
      (el as unknown as { data?: { name?: string; x: (number | null)[]; y: (number | null)[] }[] })
        .data ?? [];
    return data.map((t) => {
      const xs = t.x.filter((v): v is number => typeof v === 'number');
      return {
        name: t.name ?? '',
        points: t.x.length,
        xMin: Math.min(...xs),
        xMax: Math.max(...xs),
        yFinite: t.y.filter((v) => typeof v === 'number' && Number.isFinite(v)).length,
      };
    });
  });
}

/** Distinct non-background colours in a screenshot of the plot area: lines were drawn. */
async function inkedPixels(plot: Locator): Promise<number> {
  const png = await plot.screenshot();
  return plot.page().evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = new OffscreenCanvas(img.width, img.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const { data } = ctx.getImageData(0, 0, img.width, img.height);
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
      // Coloured (not grey) pixels: plotly's axes and grid are grey, traces are coloured.
      if (Math.max(r, g, b) - Math.min(r, g, b) > 60) inked++;
    }
    return inked;
  }, png.toString('base64'));
}

/** Values of a 1-D dataset as h5dump prints them (an independent reading of the file). */
function h5dumpValues(file: string, dataset: string, start: number, count: number): string[] {
  const out = execFileSync(
    'h5dump',
    ['-d', dataset, '-s', String(start), '-c', String(count), file],
    {
      encoding: 'utf8',
    },
  );
  // The selected values are the DATA block after SUBSET (attributes print their own DATA).
  const from = out.indexOf('DATA {', out.indexOf('SUBSET'));
  const body = out.slice(from + 6, out.indexOf('}', from));
  return [...body.matchAll(/"([^"]*)"|(-?\d+(?:\.\d+)?(?:e-?\d+)?)(?=,|\s*$)/gm)].map(
    (m) => m[1] ?? m[2],
  );
}

function h5dumpShape(file: string, dataset: string): number[] {
  const out = execFileSync('h5dump', ['-H', '-d', dataset, file], { encoding: 'utf8' });
  const m = /DATASPACE\s+SIMPLE\s+\{\s*\(([^)]*)\)/.exec(out);
  return m ? m[1].split(',').map((v) => Number(v.trim())) : [];
}

/** Drags across the plot from one fraction of its width to another (plotly's box zoom). */
async function dragZoom(plot: Locator, from: number, to: number) {
  const drag = plot.locator('.nsewdrag').first();
  const box = (await drag.boundingBox())!;
  const y = box.y + box.height / 2;
  await plot.page().mouse.move(box.x + box.width * from, y);
  await plot.page().mouse.down();
  await plot.page().mouse.move(box.x + box.width * ((from + to) / 2), y + 2, { steps: 4 });
  await plot.page().mouse.move(box.x + box.width * to, y + 4, { steps: 4 });
  await plot.page().mouse.up();
}

test.describe.configure({ timeout: 300_000 });

test('plots a real ElectricalSeries as raw samples over its whole duration', async ({
  page,
  data,
}) => {
  await openFile(page, data.url + files.ecephys, { path: '/acquisition/ElectricalSeries' });
  const plot = info(page).getByTestId('plot');
  await expect(status(page)).toHaveAttribute('data-mode', 'raw', { timeout: 120_000 });
  await expect(plot.locator('.main-svg').first()).toBeVisible({ timeout: 150_000 });
  const traces = await drawnTraces(plot);
  // h5dump: data (50, 4), starting_time 0 with rate 20000.
  expect(traces.map((t) => t.points)).toEqual([50, 50, 50, 50]);
  expect(traces.every((t) => t.yFinite === 50)).toBe(true);
  expect(traces[0].xMin).toBeCloseTo(0, 9);
  expect(traces[0].xMax).toBeCloseTo(49 / 20000, 9);
  // Labels come from the electrodes table (id and location columns).
  const location = h5dumpValues(
    path.join(TESTDATA, files.ecephys),
    '/general/extracellular_ephys/electrodes/location',
    0,
    1,
  )[0];
  expect(traces[0].name).toBe(`e0 ${location}`);
  expect(await inkedPixels(plot)).toBeGreaterThan(300);
  await page.screenshot({ path: 'test-results/timeseries-ecephys.png' });
});

test('384 channels: overview envelope, paging with electrode labels, zoom to envelope then raw', async ({
  page,
  data,
}) => {
  const file = path.join(GENERATED, SESSION);
  const series = '/acquisition/ElectricalSeries';
  await openFile(page, `${data.url}/generated/${SESSION}`, { path: series });
  const plot = info(page).getByTestId('plot');
  await expect(status(page)).toHaveAttribute('data-complete', 'true', { timeout: 240_000 });
  await expect(status(page)).toHaveAttribute('data-mode', 'envelope');
  await expect(plot.locator('.main-svg').first()).toBeVisible({ timeout: 150_000 });
  const [rows, channels] = h5dumpShape(file, `${series}/data`);
  expect(channels).toBe(384);
  await expect(status(page)).toHaveAttribute('data-rows', `0,${rows}`);
  let traces = await drawnTraces(plot);
  expect(traces.length).toBe(16);
  // One stroke (3 points) per bin, 2000 bins, every bin known.
  expect(traces[0].points).toBe(2000 * 3);
  expect(traces[0].yFinite).toBe(2000 * 2);
  expect(traces[0].xMin).toBeCloseTo(0, 6);
  expect(traces[0].xMax).toBeGreaterThan(((rows - 1) / 1000) * 0.99);
  expect(await inkedPixels(plot)).toBeGreaterThan(2000);
  await page.screenshot({ path: 'test-results/timeseries-overview.png' });

  // Next page: channels 17-32, labelled from the electrodes table (h5dump reads the same rows).
  await info(page)
    .getByRole('button', { name: /Next channels/ })
    .click();
  await expect(info(page).getByTestId('channel-range')).toHaveText(/Channels 17–32 of 384/);
  const ids = h5dumpValues(file, '/general/extracellular_ephys/electrodes/id', 16, 16);
  const locations = h5dumpValues(file, '/general/extracellular_ephys/electrodes/location', 16, 16);
  await expect
    .poll(async () => (await drawnTraces(plot)).map((t) => t.name))
    .toEqual(ids.map((id, i) => `e${id} ${locations[i]}`));

  // Zoom with the mouse to a tenth: still more samples than pixels, so an envelope of the window.
  await dragZoom(plot, 0.45, 0.55);
  await expect(page).toHaveURL(/[?&]t=\d/);
  await expect(status(page)).toHaveAttribute('data-complete', 'true', { timeout: 120_000 });
  await expect(status(page)).toHaveAttribute('data-mode', 'envelope');
  let [r0, r1] = (await status(page).getAttribute('data-rows'))!.split(',').map(Number);
  expect(r1 - r0).toBeLessThan(rows / 5);
  expect(r1 - r0).toBeGreaterThan(rows / 20);

  // Zoom again: a few hundred samples per channel, drawn raw.
  await dragZoom(plot, 0.3, 0.45);
  await expect(status(page)).toHaveAttribute('data-mode', 'raw', { timeout: 120_000 });
  [r0, r1] = (await status(page).getAttribute('data-rows'))!.split(',').map(Number);
  traces = await drawnTraces(plot);
  expect(traces.length).toBe(16);
  expect(traces[0].points).toBe(r1 - r0);
  expect(traces[0].yFinite).toBe(r1 - r0);
  expect(traces[0].xMin).toBeCloseTo(r0 / 1000, 6);
  expect(await inkedPixels(plot)).toBeGreaterThan(1000);
  await page.screenshot({ path: 'test-results/timeseries-raw.png' });

  // The address reopens the same window.
  await page.goto(page.url());
  await expect(status(page)).toHaveAttribute('data-rows', `${r0},${r1}`, { timeout: 120_000 });
});

test('raw 1 kHz series: a window from the address is an envelope per pixel column, narrower is raw', async ({
  page,
  data,
}) => {
  const query = new URLSearchParams({
    url: `${data.url}/generated/${SESSION}`,
    path: '/acquisition/ElectricalSeries',
    t: '5,25',
  });
  await page.goto(`/?${query}`);
  const plot = info(page).getByTestId('plot');
  await expect(status(page)).toHaveAttribute('data-complete', 'true', { timeout: 180_000 });
  await expect(status(page)).toHaveAttribute('data-mode', 'envelope');
  const [r0, r1] = (await status(page).getAttribute('data-rows'))!.split(',').map(Number);
  // 1000 Hz from 0 s: rows around 5000..25000 (one past each edge).
  expect(r0).toBe(4999);
  expect(r1).toBe(25001);
  const traces = await drawnTraces(plot);
  expect(traces[0].xMin).toBeGreaterThanOrEqual(4.998);
  expect(traces[0].xMax).toBeLessThanOrEqual(25.001);
  expect(await inkedPixels(plot)).toBeGreaterThan(1000);
});
