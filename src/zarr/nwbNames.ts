/**
 * Names worth probing under a group of a store that cannot be listed (hdmf-zarr writes no child
 * listing, and plain HTTP servers offer none). Three sources:
 *  - names the NWB schema fixes for the group's place or neurodata_type (e.g. a TimeSeries has
 *    `data`, `timestamps`, `starting_time`);
 *  - names the group's own attributes give: DynamicTable `colnames` (plus `id` and the
 *    `_index`/`_index_index` companions), hdmf-zarr `zarr_link` / `_LINKS` entries;
 *  - for groups whose children are free-named (acquisition, processing modules, ...), the names
 *    writers use by default (pynwb names many objects after their type).
 * Paths seen in references are added by the tree. Objects with other names are not found.
 */
import type { Attrs } from './tree';

const BY_PATH: Record<string, string[]> = {
  '/': [
    'acquisition',
    'analysis',
    'general',
    'intervals',
    'processing',
    'stimulus',
    'units',
    'specifications',
    'scratch',
    'file_create_date',
    'identifier',
    'session_description',
    'session_start_time',
    'timestamps_reference_time',
  ],
  '/general': [
    'data_collection',
    'experiment_description',
    'experimenter',
    'institution',
    'keywords',
    'lab',
    'notes',
    'pharmacology',
    'protocol',
    'related_publications',
    'session_id',
    'slices',
    'source_script',
    'stimulus',
    'surgery',
    'virus',
    'subject',
    'devices',
    'extracellular_ephys',
    'intracellular_ephys',
    'optogenetics',
    'optophysiology',
  ],
  '/general/extracellular_ephys': ['electrodes'],
  '/general/intracellular_ephys': [
    'filtering',
    'sweep_table',
    'intracellular_recordings',
    'simultaneous_recordings',
    'sequential_recordings',
    'repetitions',
    'experimental_conditions',
  ],
  '/intervals': ['epochs', 'trials', 'invalid_times'],
  '/stimulus': ['presentation', 'templates'],
  '/specifications': ['core', 'hdmf-common', 'hdmf-experimental'],
};

const TIME_SERIES = [
  'data',
  'timestamps',
  'starting_time',
  'control',
  'control_description',
  'sync',
];

const BY_TYPE: Record<string, string[]> = {
  TimeSeries: TIME_SERIES,
  ElectricalSeries: [...TIME_SERIES, 'electrodes', 'channel_conversion'],
  SpikeEventSeries: [...TIME_SERIES, 'electrodes', 'channel_conversion'],
  ImageSeries: [...TIME_SERIES, 'external_file', 'format', 'dimension', 'device', 'field_of_view'],
  TwoPhotonSeries: [
    ...TIME_SERIES,
    'format',
    'dimension',
    'field_of_view',
    'pmt_gain',
    'imaging_plane',
  ],
  OnePhotonSeries: [...TIME_SERIES, 'format', 'dimension', 'field_of_view', 'imaging_plane'],
  RoiResponseSeries: [...TIME_SERIES, 'rois'],
  SpatialSeries: [...TIME_SERIES, 'reference_frame'],
  Subject: [
    'age',
    'date_of_birth',
    'description',
    'genotype',
    'sex',
    'species',
    'strain',
    'subject_id',
    'weight',
  ],
  ImagingPlane: [
    'description',
    'excitation_lambda',
    'imaging_rate',
    'indicator',
    'location',
    'manifold',
    'origin_coords',
    'grid_spacing',
    'reference_frame',
    'device',
  ],
  ElectrodeGroup: ['device', 'position'],
  PlaneSegmentation: ['imaging_plane', 'reference_images'],
};

/** Free-named groups: writers' default names (types, pynwb defaults, common module names). */
const FREE_NAMED = [
  'ecephys',
  'behavior',
  'ophys',
  'icephys',
  'ogen',
  'misc',
  'LFP',
  'FilteredEphys',
  'EventDetection',
  'FeatureExtraction',
  'ElectricalSeries',
  'TimeSeries',
  'ImageSeries',
  'TwoPhotonSeries',
  'OnePhotonSeries',
  'RoiResponseSeries',
  'PlaneSegmentation',
  'ImageSegmentation',
  'Fluorescence',
  'DfOverF',
  'SpikeEventSeries',
  'Position',
  'SpatialSeries',
  'CompassDirection',
  'BehavioralEvents',
  'BehavioralTimeSeries',
  'BehavioralEpochs',
  'PupilTracking',
  'EyeTracking',
  'ImagingPlane',
  'OpticalChannel',
  'Device',
  'device',
  'array',
  'Images',
  'AnnotationSeries',
  'IntervalSeries',
  'DecompositionSeries',
  'OptogeneticSeries',
  'OptogeneticStimulusSite',
];

const FREE_NAMED_PATHS = new Set([
  '/acquisition',
  '/analysis',
  '/processing',
  '/stimulus/presentation',
  '/stimulus/templates',
  '/general/devices',
  '/general/extracellular_ephys',
  '/general/optogenetics',
  '/general/optophysiology',
  '/scratch',
]);
const FREE_NAMED_TYPES = new Set([
  'ProcessingModule',
  'LFP',
  'FilteredEphys',
  'EventDetection',
  'Fluorescence',
  'DfOverF',
  'ImageSegmentation',
  'Position',
  'CompassDirection',
  'BehavioralEvents',
  'BehavioralTimeSeries',
  'BehavioralEpochs',
  'PupilTracking',
  'EyeTracking',
  'Images',
  'ImagingPlane',
]);

export interface CandidateNames {
  /** Names the schema or the attributes give. */
  named: string[];
  /** Conventional names for a free-named group: probed more cheaply (typed objects have .zattrs). */
  conventional: string[];
}

export function candidateChildNames(path: string, attrs: Attrs): CandidateNames {
  const named = new Set<string>(BY_PATH[path] ?? []);
  const type = typeof attrs.neurodata_type === 'string' ? attrs.neurodata_type : '';
  for (const name of BY_TYPE[type] ?? []) named.add(name);
  if (/Series$/.test(type)) for (const name of TIME_SERIES) named.add(name);
  if (Array.isArray(attrs.colnames)) {
    named.add('id');
    for (const col of attrs.colnames) {
      if (typeof col !== 'string') continue;
      named.add(col);
      named.add(`${col}_index`);
      named.add(`${col}_index_index`);
    }
  }
  const free = FREE_NAMED_PATHS.has(path) || FREE_NAMED_TYPES.has(type);
  const conventional = free ? FREE_NAMED.filter((n) => !named.has(n)) : [];
  return { named: [...named], conventional };
}
