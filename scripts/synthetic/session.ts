/**
 * The content of the synthetic NWB 2.7.0 ecephys session: a builder tree (see tree.ts) with the
 * groups, datasets and attributes pynwb writes for a Neuropixels-like session. Sizes follow one
 * knob, `scale`: the session lasts 600 s x scale, and every time-based dataset (the bulk
 * ElectricalSeries, the LFP, spike times, behaviour) grows with it; table row counts (384
 * electrodes, 1000 units, 200 trials) do not, since they are what the explorer's tree and table
 * views are measured on.
 */
import type { GuessableDataTypes } from 'h5wasm/node';
import { NormalTable, Prng } from './random';
import { specDatasets } from './specs';
import {
  dataset,
  group,
  link,
  type Attrs,
  type BulkFill,
  type GroupNode,
  type TreeNode,
  type TypedAttr,
} from './tree';

/**
 * Where the bulk ElectricalSeries chunks go. 'interleaved' (default): written where the dataset
 * stands, as pynwb does for an H5DataIO-wrapped array, so the rest of the metadata sits after
 * ~260 MB of raw data. 'neuroconv': written after all metadata, as hdmf does for a
 * DataChunkIterator (neuroconv's way), so most metadata is near the start of the file.
 */
export type SessionLayout = 'interleaved' | 'neuroconv';

export interface SessionOptions {
  scale: number;
  seed: number;
  layout?: SessionLayout;
}

export interface SessionPlan {
  root: GroupNode;
  /** /specifications content, written after everything else as pynwb does. */
  specifications: GroupNode;
  summary: Record<string, string | number>;
}

const CHANNELS = 384;
const SHANKS = 4;
const UNITS = 1000;
const TRIALS = 200;
const WAVEFORM_SAMPLES = 82;
const WAVEFORM_CHANNELS = 32;
const BASE_DURATION_S = 600;
/** Sampling rate of the acquisition ElectricalSeries (the bulk of the file). */
const ACQ_RATE_HZ = 1000;
const LFP_RATE_HZ = 100;
const ELECTRODES_PATH = '/general/extracellular_ephys/electrodes';

const f64 = (value: number | number[]): TypedAttr => ({ dtype: '<d', value });
const i32 = (value: number): TypedAttr => ({ dtype: '<i', value });

/** The three attributes every typed object carries in a pynwb file. */
function typed(prng: Prng, namespace: string, type: string, extra: Attrs = {}): Attrs {
  // Key order matters only for display: h5py writes attributes in creation order, and hdmf
  // sets the type attributes last, after the spec-defined ones.
  return { ...extra, namespace, neurodata_type: type, object_id: prng.uuid4() };
}

/** Smallest unsigned type able to hold `max`, as hdmf picks for VectorIndex data. */
function indexArray(ends: number[]): Uint8Array | Uint16Array | Uint32Array {
  const max = ends.length === 0 ? 0 : (ends[ends.length - 1] ?? 0);
  if (max < 256) return Uint8Array.from(ends);
  if (max < 65536) return Uint16Array.from(ends);
  return Uint32Array.from(ends);
}

function column(
  prng: Prng,
  name: string,
  data: GuessableDataTypes,
  description: string,
  extraAttrs: Attrs = {},
  extra: Parameters<typeof dataset>[3] = {},
): TreeNode {
  return dataset(
    name,
    data,
    typed(prng, 'hdmf-common', 'VectorData', { description, ...extraAttrs }),
    extra,
  );
}

function vectorIndex(prng: Prng, name: string, ends: number[], targetPath: string): TreeNode {
  return dataset(
    name,
    indexArray(ends),
    typed(prng, 'hdmf-common', 'VectorIndex', {
      description: `Index for VectorData '${name.replace(/_index$/, '')}'`,
      target: { ref: targetPath },
    }),
  );
}

function ids(prng: Prng, n: number): TreeNode {
  const data = new BigInt64Array(n);
  for (let i = 0; i < n; i++) data[i] = BigInt(i);
  return dataset('id', data, typed(prng, 'hdmf-common', 'ElementIdentifiers'));
}

function region(prng: Prng, name: string, rows: number[], description: string): TreeNode {
  return dataset(
    name,
    BigInt64Array.from(rows.map((r) => BigInt(r))),
    typed(prng, 'hdmf-common', 'DynamicTableRegion', {
      description,
      table: { ref: ELECTRODES_PATH },
    }),
  );
}

function scalarString(name: string, value: string, attrs: Attrs = {}): TreeNode {
  return dataset(name, value, attrs, { shape: [] });
}

function startingTime(rate: number): TreeNode {
  return dataset(
    'starting_time',
    0,
    { rate: f64(rate), unit: 'seconds' },
    { shape: [], dtype: '<d' },
  );
}

function dataAttrs(unit: string, conversion = 1): Attrs {
  return { conversion: f64(conversion), offset: f64(0), resolution: f64(-1), unit };
}

/** One Neuropixels-2.0-like probe: four shanks of 96 sites, two columns per shank. */
function electrodeLayout(): { x: number[]; y: number[]; shank: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  const shank: number[] = [];
  const perShank = CHANNELS / SHANKS;
  for (let c = 0; c < CHANNELS; c++) {
    const s = Math.floor(c / perShank);
    const k = c % perShank;
    shank.push(s);
    x.push(s * 250 + (k % 2) * 32);
    y.push(Math.floor(k / 2) * 15);
  }
  return { x, y, shank };
}

/** Brain area by depth along the shank (deeper sites first), to give location some variety. */
function areaAt(depthUm: number): string {
  if (depthUm < 150) return 'DG';
  if (depthUm < 350) return 'CA1';
  if (depthUm < 550) return 'VISp5';
  return 'VISp2/3';
}

/**
 * A voltage-like int16 signal over all channels: white noise plus a theta-band sine with a phase
 * that drifts across the probe and 60 Hz line noise. gzip gets roughly 1.6-1.8x on it, like raw
 * ecephys data, rather than the 100x it would get on zeros or pure sines.
 */
function voltageSignal(
  prng: Prng,
  table: NormalTable,
  rate: number,
  noiseSd: number,
  thetaAmp: number,
): BulkFill['produce'] {
  const phase = new Float64Array(CHANNELS);
  const dc = new Float64Array(CHANNELS);
  const gain = new Float64Array(CHANNELS);
  for (let c = 0; c < CHANNELS; c++) {
    phase[c] = (c / CHANNELS) * Math.PI * 1.5 + prng.next() * 0.2;
    dc[c] = Math.round(prng.normal() * 20);
    gain[c] = 0.7 + prng.next() * 0.6;
  }
  const cosP = phase.map(Math.cos);
  const sinP = phase.map(Math.sin);
  const noise = table.values;
  const mask = table.mask;
  return (rowStart, rows, out) => {
    let o = 0;
    for (let r = 0; r < rows; r++) {
      const t = (rowStart + r) / rate;
      const w = 2 * Math.PI * 7.3 * t;
      const s = Math.sin(w);
      const co = Math.cos(w);
      const line = 6 * Math.sin(2 * Math.PI * 60 * t);
      for (let c = 0; c < CHANNELS; c += 2) {
        const u = prng.nextUint32();
        const a =
          (dc[c] ?? 0) +
          thetaAmp * (gain[c] ?? 1) * (s * (cosP[c] ?? 1) + co * (sinP[c] ?? 0)) +
          line +
          noiseSd * (noise[u & mask] ?? 0);
        const b =
          (dc[c + 1] ?? 0) +
          thetaAmp * (gain[c + 1] ?? 1) * (s * (cosP[c + 1] ?? 1) + co * (sinP[c + 1] ?? 0)) +
          line +
          noiseSd * (noise[(u >>> 16) & mask] ?? 0);
        out[o++] = Math.round(a);
        out[o++] = Math.round(b);
      }
    }
  };
}

function electricalSeries(
  prng: Prng,
  table: NormalTable,
  description: string,
  rate: number,
  durationS: number,
  when: BulkFill['when'],
  chunkRows: number,
  noiseSd: number,
): GroupNode {
  const rows = Math.max(chunkRows, Math.round(rate * durationS));
  const bulk: BulkFill = {
    shape: [rows, CHANNELS],
    dtype: '<h',
    chunks: [chunkRows, 64],
    gzipLevel: 4,
    when,
    rowsPerWrite: chunkRows,
    produce: voltageSignal(prng, table, rate, noiseSd, 40),
  };
  const allRows = Array.from({ length: CHANNELS }, (_, i) => i);
  return group(
    'ElectricalSeries',
    typed(prng, 'core', 'ElectricalSeries', { comments: 'no comments', description }),
    [
      dataset('data', new Int16Array(0), dataAttrs('volts', 1.95e-6), { bulk }),
      region(prng, 'electrodes', allRows, 'all electrodes of the probe'),
      startingTime(rate),
    ],
  );
}

interface UnitsContent {
  node: GroupNode;
  spikes: number;
}

function units(prng: Prng, table: NormalTable, durationS: number): UnitsContent {
  const spikeTimes: number[] = [];
  const spikeEnds: number[] = [];
  const electrodeRows: number[] = [];
  const electrodeEnds: number[] = [];
  const firingRate = new Float64Array(UNITS);
  const amplitude = new Float64Array(UNITS);
  const quality: string[] = [];
  const waveforms = new Float32Array(UNITS * WAVEFORM_SAMPLES * WAVEFORM_CHANNELS);
  const obsIntervals = new Float64Array(UNITS * 2);
  // Log-normal rates with a mean of about 3 Hz, as sorted Neuropixels units show.
  const mu = Math.log(3) - 0.32;
  let w = 0;
  for (let u = 0; u < UNITS; u++) {
    const rate = Math.min(60, Math.exp(mu + 0.8 * prng.normal()));
    let t = prng.exponential(1 / rate);
    let count = 0;
    while (t < durationS) {
      spikeTimes.push(t);
      count++;
      // 2 ms refractory period plus an exponential interval.
      t += 0.002 + prng.exponential(1 / rate);
    }
    spikeEnds.push(spikeTimes.length);
    firingRate[u] = count / durationS;
    amplitude[u] = 40 + 200 * prng.next();
    quality.push(prng.next() < 0.7 ? 'good' : prng.next() < 0.8 ? 'mua' : 'noise');
    obsIntervals[2 * u] = 0;
    obsIntervals[2 * u + 1] = durationS;
    const peak = prng.int(CHANNELS);
    const first = Math.min(Math.max(0, peak - WAVEFORM_CHANNELS / 2), CHANNELS - WAVEFORM_CHANNELS);
    for (let k = 0; k < WAVEFORM_CHANNELS; k++) electrodeRows.push(first + k);
    electrodeEnds.push(electrodeRows.length);
    const amp = amplitude[u] ?? 100;
    for (let s = 0; s < WAVEFORM_SAMPLES; s++) {
      // Biphasic spike: a trough at 1 ms then a slower positive lobe.
      const ts = (s - 30) / 30;
      const shape = -Math.exp(-((ts * 4) ** 2)) + 0.35 * Math.exp(-(((ts - 0.5) * 2) ** 2));
      for (let k = 0; k < WAVEFORM_CHANNELS; k++) {
        const distance = Math.abs(first + k - peak) / 6;
        const noise = table.values[prng.nextUint32() & table.mask] ?? 0;
        waveforms[w++] = amp * shape * Math.exp(-distance * distance) + 2 * noise;
      }
    }
  }
  const path = '/units';
  const colnames = [
    'spike_times',
    'obs_intervals',
    'electrodes',
    'waveform_mean',
    'quality',
    'firing_rate',
    'amplitude',
  ];
  const node = group(
    'units',
    typed(prng, 'core', 'Units', { colnames, description: 'units sorted by a spike sorter' }),
    [
      column(prng, 'amplitude', amplitude, 'peak-to-trough amplitude (uV)'),
      region(prng, 'electrodes', electrodeRows, 'electrodes each unit was detected on'),
      vectorIndex(prng, 'electrodes_index', electrodeEnds, `${path}/electrodes`),
      column(prng, 'firing_rate', firingRate, 'mean firing rate over the session (Hz)'),
      ids(prng, UNITS),
      column(
        prng,
        'obs_intervals',
        obsIntervals,
        'observation intervals for each unit',
        {},
        {
          shape: [UNITS, 2],
        },
      ),
      vectorIndex(
        prng,
        'obs_intervals_index',
        Array.from({ length: UNITS }, (_, i) => i + 1),
        `${path}/obs_intervals`,
      ),
      column(prng, 'quality', quality, 'curation label'),
      column(prng, 'spike_times', Float64Array.from(spikeTimes), 'the spike times for each unit', {
        resolution: f64(1 / 30000),
      }),
      vectorIndex(prng, 'spike_times_index', spikeEnds, `${path}/spike_times`),
      column(
        prng,
        'waveform_mean',
        waveforms,
        'the spike waveform mean for each spike unit',
        { sampling_rate: f64(30000), unit: 'volts' },
        { shape: [UNITS, WAVEFORM_SAMPLES, WAVEFORM_CHANNELS] },
      ),
    ],
  );
  return { node, spikes: spikeTimes.length };
}

function trials(prng: Prng, durationS: number): GroupNode {
  const start = new Float64Array(TRIALS);
  const stop = new Float64Array(TRIALS);
  const contrastLeft = new Float64Array(TRIALS);
  const contrastRight = new Float64Array(TRIALS);
  const responseTime = new Float64Array(TRIALS);
  const feedback = new BigInt64Array(TRIALS);
  const stimulusType: string[] = [];
  const slot = durationS / TRIALS;
  const contrasts = [0, 0.0625, 0.125, 0.25, 1];
  for (let i = 0; i < TRIALS; i++) {
    start[i] = i * slot + prng.next() * slot * 0.1;
    stop[i] = (start[i] ?? 0) + slot * (0.5 + 0.3 * prng.next());
    contrastLeft[i] = prng.pick(contrasts);
    contrastRight[i] = prng.pick(contrasts);
    responseTime[i] = (start[i] ?? 0) + slot * (0.1 + 0.3 * prng.next());
    feedback[i] = prng.next() < 0.75 ? 1n : -1n;
    stimulusType.push(prng.pick(['gratings', 'natural_scenes', 'gabors']));
  }
  const colnames = [
    'start_time',
    'stop_time',
    'stimulus_type',
    'contrast_left',
    'contrast_right',
    'response_time',
    'feedback_type',
  ];
  return group(
    'trials',
    typed(prng, 'core', 'TimeIntervals', { colnames, description: 'experimental trials' }),
    [
      column(prng, 'contrast_left', contrastLeft, 'contrast of the left stimulus'),
      column(prng, 'contrast_right', contrastRight, 'contrast of the right stimulus'),
      column(prng, 'feedback_type', feedback, '1 for reward, -1 for timeout'),
      ids(prng, TRIALS),
      column(prng, 'response_time', responseTime, 'time of the wheel response (s)'),
      column(prng, 'start_time', start, 'Start time of epoch, in seconds'),
      column(prng, 'stimulus_type', stimulusType, 'kind of stimulus shown'),
      column(prng, 'stop_time', stop, 'Stop time of epoch, in seconds'),
    ],
  );
}

function general(prng: Prng): GroupNode {
  const { x, y, shank } = electrodeLayout();
  const groupNames = shank.map((s) => `shank${s}`);
  const probeDepth = 800;
  const shankGroups: TreeNode[] = Array.from({ length: SHANKS }, (_, s) =>
    group(
      `shank${s}`,
      typed(prng, 'core', 'ElectrodeGroup', {
        description: `electrodes of shank ${s}`,
        location: 'VISp',
      }),
      [link('device', '/general/devices/NeuropixelsProbe')],
    ),
  );
  const colnames = [
    'x',
    'y',
    'z',
    'imp',
    'location',
    'filtering',
    'group',
    'group_name',
    'rel_x',
    'rel_y',
  ];
  const electrodes = group(
    'electrodes',
    typed(prng, 'hdmf-common', 'DynamicTable', {
      colnames,
      description: 'metadata about extracellular electrodes',
    }),
    [
      column(prng, 'filtering', Array(CHANNELS).fill('none') as string[], 'filtering'),
      {
        kind: 'dataset',
        name: 'group',
        refs: groupNames.map((n) => `/general/extracellular_ephys/${n}`),
        attrs: typed(prng, 'hdmf-common', 'VectorData', {
          description: 'a reference to the ElectrodeGroup this electrode is a part of',
        }),
      },
      column(prng, 'group_name', groupNames, 'the name of the ElectrodeGroup'),
      ids(prng, CHANNELS),
      column(prng, 'imp', new Float64Array(CHANNELS).fill(NaN), 'the impedance (ohms)'),
      column(
        prng,
        'location',
        y.map((d) => areaAt(d)),
        'the location of channel within the subject e.g. brain region',
      ),
      column(prng, 'rel_x', Float64Array.from(x), 'x position on the probe (um)'),
      column(prng, 'rel_y', Float64Array.from(y), 'y position on the probe (um)'),
      column(
        prng,
        'x',
        Float64Array.from(x, (v) => 3500 + v),
        'x coordinate (um, CCF)',
      ),
      column(
        prng,
        'y',
        Float64Array.from(y, (v) => 2200 + probeDepth - v),
        'y coordinate',
      ),
      column(prng, 'z', new Float64Array(CHANNELS).fill(6100), 'z coordinate (um, CCF)'),
    ],
  );
  return group('general', {}, [
    group('devices', {}, [
      group(
        'NeuropixelsProbe',
        typed(prng, 'core', 'Device', {
          description: 'Neuropixels 2.0 four-shank probe',
          manufacturer: 'IMEC',
        }),
      ),
    ]),
    group('extracellular_ephys', {}, [...shankGroups, electrodes]),
    group('subject', typed(prng, 'core', 'Subject'), [
      scalarString('age', 'P93D', { reference: 'birth' }),
      scalarString('description', 'adult male, head-fixed, water-restricted'),
      scalarString('genotype', 'Vip-IRES-Cre/wt;Ai32(RCL-ChR2(H134R)_EYFP)/wt'),
      scalarString('sex', 'M'),
      scalarString('species', 'Mus musculus'),
      scalarString('strain', 'C57BL/6J'),
      scalarString('subject_id', 'SYN-0001'),
      scalarString('weight', '0.025 kg'),
    ]),
    scalarString(
      'experiment_description',
      'Synthetic Neuropixels session for benchmarking the NWB explorer',
    ),
    dataset('experimenter', ['Doe, Jane', 'Roe, Richard']),
    scalarString('institution', 'Synthetic Institute of Neuroscience'),
    dataset('keywords', ['ecephys', 'neuropixels', 'visual cortex', 'synthetic']),
    scalarString('lab', 'Benchmark Lab'),
    scalarString('protocol', 'IACUC-0000'),
    scalarString('session_id', 'synthetic-session-0001'),
  ]);
}

function timeSeriesWithTimestamps(
  prng: Prng,
  name: string,
  description: string,
  rate: number,
  durationS: number,
  unit: string,
  value: (t: number) => number,
): GroupNode {
  const n = Math.max(2, Math.round(rate * durationS));
  const timestamps = new Float64Array(n);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    // Irregular clock: real behaviour cameras and encoders jitter around their nominal rate.
    timestamps[i] = i / rate + (prng.next() - 0.5) * (0.2 / rate);
    data[i] = value(timestamps[i] ?? 0) + prng.normal() * 0.5;
  }
  return group(name, typed(prng, 'core', 'TimeSeries', { comments: 'no comments', description }), [
    dataset('data', data, dataAttrs(unit)),
    dataset('timestamps', timestamps, { interval: i32(1), unit: 'seconds' }),
  ]);
}

export function planSession(options: SessionOptions): SessionPlan {
  const prng = new Prng(options.seed);
  const table = new NormalTable(prng);
  const durationS = BASE_DURATION_S * options.scale;

  const acquisitionES = electricalSeries(
    prng,
    table,
    'LFP-band voltage from a Neuropixels 2.0 probe, all 384 channels',
    ACQ_RATE_HZ,
    durationS,
    options.layout === 'neuroconv' ? 'iterator' : 'inline',
    8192,
    13,
  );
  const runningSpeed = timeSeriesWithTimestamps(
    prng,
    'running_speed',
    'running speed from the wheel encoder',
    60,
    durationS,
    'cm/s',
    (t) => 10 + 8 * Math.sin(t / 7),
  );
  const pupilCount = Math.max(2, Math.round(30 * durationS));
  const pupil = new Float64Array(pupilCount);
  for (let i = 0; i < pupilCount; i++)
    pupil[i] = 0.3 + 0.05 * Math.sin(i / 90) + 0.01 * prng.normal();
  const pupilArea = group(
    'pupil_area',
    typed(prng, 'core', 'TimeSeries', {
      comments: 'no comments',
      description: 'pupil area from eye tracking',
    }),
    [dataset('data', pupil, dataAttrs('mm^2')), startingTime(30)],
  );
  const lickTimes: number[] = [];
  for (let t = prng.exponential(2); t < durationS; t += prng.exponential(2)) lickTimes.push(t);
  if (lickTimes.length === 0) lickTimes.push(durationS / 2);
  const licks = group(
    'licks',
    typed(prng, 'core', 'TimeSeries', {
      comments: 'no comments',
      description: 'lick events from the lick sensor',
    }),
    [
      dataset('data', new Uint8Array(lickTimes.length).fill(1), dataAttrs('n/a')),
      dataset('timestamps', Float64Array.from(lickTimes), { interval: i32(1), unit: 'seconds' }),
    ],
  );

  const lfp = electricalSeries(
    prng,
    table,
    'LFP downsampled to 100 Hz',
    LFP_RATE_HZ,
    durationS,
    'iterator',
    4096,
    5,
  );
  const positionCount = Math.max(2, Math.round(60 * durationS));
  const position = new Float64Array(positionCount * 2);
  for (let i = 0; i < positionCount; i++) {
    position[2 * i] = Math.cos(i / 300) * 20 + prng.normal();
    position[2 * i + 1] = Math.sin(i / 300) * 20 + prng.normal();
  }
  const unitsContent = units(prng, table, durationS);

  const root = group(
    '/',
    // .specloc is added after the specifications are written (see make-synthetic-session.ts).
    typed(prng, 'core', 'NWBFile', { nwb_version: '2.7.0' }),
    [
      group('acquisition', {}, [acquisitionES, licks, pupilArea, runningSpeed]),
      group('analysis', {}),
      group('processing', {}, [
        group(
          'behavior',
          typed(prng, 'core', 'ProcessingModule', { description: 'processed behaviour' }),
          [
            group('Position', typed(prng, 'core', 'Position'), [
              group(
                'position',
                typed(prng, 'core', 'SpatialSeries', {
                  comments: 'no comments',
                  description: 'position on the virtual track',
                  reference_frame: 'track centre',
                }),
                [
                  dataset('data', position, dataAttrs('meters', 0.01), {
                    shape: [positionCount, 2],
                  }),
                  // pynwb links timestamps shared with another TimeSeries.
                  link('timestamps', '/acquisition/running_speed/timestamps'),
                ],
              ),
            ]),
          ],
        ),
        group(
          'ecephys',
          typed(prng, 'core', 'ProcessingModule', { description: 'processed ecephys data' }),
          [group('LFP', typed(prng, 'core', 'LFP'), [lfp])],
        ),
      ]),
      group('stimulus', {}, [group('presentation', {}), group('templates', {})]),
      general(prng),
      group('intervals', {}, [trials(prng, durationS)]),
      unitsContent.node,
      dataset('file_create_date', ['2024-05-14T16:02:11.513000-07:00'], {}, { dtype: 'A' }),
      scalarString('identifier', 'c0ffee00-synthetic-session-0001'),
      scalarString(
        'session_description',
        'Synthetic Neuropixels recording with behaviour, trials and sorted units',
      ),
      scalarString('session_start_time', '2024-05-14T09:30:00.000000-07:00'),
      scalarString('timestamps_reference_time', '2024-05-14T09:30:00.000000-07:00'),
    ],
  );

  const specifications = group(
    'specifications',
    {},
    specDatasets(prng).map(({ ns, files }) =>
      group(ns.name, {}, [
        group(
          ns.version,
          {},
          [...files.entries()].map(([name, json]) => scalarString(name, json)),
        ),
      ]),
    ),
  );

  return {
    root,
    specifications,
    summary: {
      layout: options.layout ?? 'interleaved',
      durationS,
      acquisitionRows: Math.max(8192, Math.round(ACQ_RATE_HZ * durationS)),
      lfpRows: Math.max(4096, Math.round(LFP_RATE_HZ * durationS)),
      units: UNITS,
      spikes: unitsContent.spikes,
      electrodes: CHANNELS,
      trials: TRIALS,
    },
  };
}
