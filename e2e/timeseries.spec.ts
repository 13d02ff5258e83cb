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

/** 12 s of the synthetic session (384 channels at 1 kHz): small enough for a loaded machine. */
const SESSION = 'timeseries_e2e_small.nwb';

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const out = path.join(GENERATED, SESSION);
  if (!existsSync(out)) await makeSyntheticSession({ out, scale: 0.02, log: () => {} });
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

// The whole-recording envelope of the 384-channel series does not finish within the test's time (4 min in a clean CI run): issue 9 is open for it.
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

  // Zoom with the mouse to most of it: still more samples than pixels, an envelope of the window.
  await dragZoom(plot, 0.15, 0.85);
  await expect(page).toHaveURL(/[?&]t=\d/);
  await expect(status(page)).toHaveAttribute('data-complete', 'true', { timeout: 120_000 });
  await expect(status(page)).toHaveAttribute('data-mode', 'envelope');
  let [r0, r1] = (await status(page).getAttribute('data-rows'))!.split(',').map(Number);
  expect(r1 - r0).toBeLessThan(rows * 0.8);
  expect(r1 - r0).toBeGreaterThan(rows * 0.6);

  // Zoom again: a few hundred samples per channel, drawn raw.
  await dragZoom(plot, 0.45, 0.55);
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

// Passed on the time-series branch; after the merge the envelope for the window does not
// arrive in time (4 min in a clean run): issue 9 is open for it.
test('a window from the address: the rows under it only', async ({ page, data }) => {
  const query = new URLSearchParams({
    url: `${data.url}/generated/${SESSION}`,
    path: '/acquisition/ElectricalSeries',
    t: '2,9',
  });
  await page.goto(`/?${query}`);
  const plot = info(page).getByTestId('plot');
  await expect(status(page)).toHaveAttribute('data-complete', 'true', { timeout: 240_000 });
  await expect(status(page)).toHaveAttribute('data-mode', 'envelope');
  // 1000 Hz from 0 s: rows 2000..9000, one past each edge.
  await expect(status(page)).toHaveAttribute('data-rows', '1999,9001');
  await expect(plot.locator('.main-svg').first()).toBeVisible({ timeout: 150_000 });
  const traces = await drawnTraces(plot);
  expect(traces[0].xMin).toBeGreaterThanOrEqual(1.998);
  expect(traces[0].xMax).toBeLessThanOrEqual(9.001);
  expect(await inkedPixels(plot)).toBeGreaterThan(1000);
});

// Not yet seen passing: the raster plot does not appear in time (issue 9 is open for it).
test('spike raster of the units and trial spans over it; a click on a span zooms to it', async ({
  page,
  data,
}) => {
  const file = path.join(GENERATED, SESSION);
  await openFile(page, `${data.url}/generated/${SESSION}`, { path: '/units' });
  const raster = page.getByTestId('raster-status');
  await expect(raster).toHaveAttribute('data-mode', 'ticks', { timeout: 240_000 });
  const plot = info(page).getByTestId('plot');
  await expect(plot.locator('.main-svg').first()).toBeVisible({ timeout: 150_000 });
  // Independent count: h5py over the first 100 units' spike times inside the window shown.
  const shown = (await raster.innerText()).match(/([\d.]+)–([\d.]+) s/)!;
  const script = `
import h5py, sys
f = h5py.File(sys.argv[1], 'r')
idx = f['/units/spike_times_index'][:100]; st = f['/units/spike_times']
t0, t1 = float(sys.argv[2]), float(sys.argv[3])
v = st[0:int(idx[-1])]
print(int(((v >= t0) & (v <= t1)).sum()))
`;
  const drawn = Number(await raster.getAttribute('data-spikes'));
  const traces = await drawnTraces(plot);
  expect(traces[0].points).toBe(drawn);
  if (existsSync('/usr/bin/python3')) {
    const want = Number(
      execFileSync('/usr/bin/python3', ['-c', script, file, shown[1], shown[2]], {
        encoding: 'utf8',
      }),
    );
    // The status rounds the window to 3 decimals: allow a spike at either edge.
    expect(Math.abs(drawn - want)).toBeLessThanOrEqual(2);
  }
  expect(drawn).toBeGreaterThan(50);
  expect(await inkedPixels(plot)).toBeGreaterThan(200);

  // Trials as spans: one shape per row of /intervals/trials.
  await info(page)
    .getByLabel('Overlay intervals or events')
    .selectOption({ label: 'intervals: trials' });
  const trials = Number(h5dumpShape(file, '/intervals/trials/start_time')[0]);
  await expect(page.getByTestId('overlay-count')).toContainText(`${trials} spans`);
  await expect
    .poll(() =>
      plot.evaluate(
        (el) => ((el as unknown as { layout: { shapes: unknown[] } }).layout.shapes ?? []).length,
      ),
    )
    .toBe(trials);
  await page.screenshot({ path: 'test-results/timeseries-raster-trials.png' });
  // Clicking the handle of the first trial zooms to it.
  const starts = h5dumpValues(file, '/intervals/trials/start_time', 0, 1).map(Number);
  const stops = h5dumpValues(file, '/intervals/trials/stop_time', 0, 1).map(Number);
  const handle = plot.locator('.scatterlayer .trace').last().locator('path.point').first();
  await handle.click({ force: true });
  await expect(raster).toContainText(`${(starts[0] - (stops[0] - starts[0]) * 0.05).toFixed(3)}–`);
});

// Not yet seen passing in one run: the frame screenshot times out (issue 9 is open for it).
test('steps through the frames of image masks, one frame read at a time', async ({
  page,
  data,
}) => {
  await openFile(page, data.url + files.ophys, {
    path: '/processing/ophys/ImageSegmentation/PlaneSegmentation/image_mask',
  });
  const frames = info(page).getByTestId('frame-index');
  await expect(frames).toContainText('Frame 1 of 15 · 128 × 128', { timeout: 120_000 });
  const plot = info(page).getByTestId('plot');
  await expect(plot.locator('.main-svg').first()).toBeVisible({ timeout: 150_000 });
  const zOf = () =>
    plot.evaluate((el) => {
      const t = (el as unknown as { data: { z: number[][] }[] }).data[0];
      return { rows: t.z.length, cols: t.z[0].length, sum: t.z.flat().reduce((a, b) => a + b, 0) };
    });
  const first = await zOf();
  expect(first).toMatchObject({ rows: 128, cols: 128 });
  // h5py: the sum of the first mask (an independent reading of the same frame).
  const script = `
import h5py, sys
f = h5py.File(sys.argv[1], 'r')
m = f['/processing/ophys/ImageSegmentation/PlaneSegmentation/image_mask']
print(float(m[0].sum()), float(m[1].sum()))
`;
  const sums = execFileSync('/usr/bin/python3', ['-c', script, path.join(TESTDATA, files.ophys)], {
    encoding: 'utf8',
  })
    .trim()
    .split(' ')
    .map(Number);
  expect(first.sum).toBeCloseTo(sums[0], 6);
  await info(page)
    .getByRole('button', { name: /Next frame/ })
    .click();
  await expect(frames).toContainText('Frame 2 of 15');
  await expect.poll(async () => (await zOf()).sum).toBeCloseTo(sums[1], 6);
  expect(await inkedPixels(plot)).toBeGreaterThan(100);
  await page.screenshot({ path: 'test-results/timeseries-frames.png' });
});

test('an ImageSeries with external_file names its files and says it holds no frames', async ({
  page,
  data,
}) => {
  await openFile(
    page,
    data.url + '/pynwb/tests/back_compat/2.1.0_imageseries_non_external_format.nwb',
    {
      path: '/acquisition/test_imageseries',
    },
  );
  const names = h5dumpValues(
    path.join(TESTDATA, 'pynwb/tests/back_compat/2.1.0_imageseries_non_external_format.nwb'),
    '/acquisition/test_imageseries/external_file',
    0,
    1,
  );
  await expect(info(page).getByTestId('external-files')).toContainText(names[0], {
    timeout: 120_000,
  });
  // Its data is empty ([0, 0, 0]): said plainly, with no frame read and no error.
  await expect(info(page).getByTestId('no-frames')).toContainText('shape [0, 0, 0]');
  await expect(info(page).getByTestId('frame-index')).toHaveCount(0);
  await expect(info(page).getByRole('alert')).toHaveCount(0);
});
