/**
 * Cached specifications for /specifications/<namespace>/<version>/, as pynwb writes them: one
 * scalar variable-length string dataset per schema source, holding that source as JSON, plus a
 * "namespace" dataset. The contents are synthetic but structurally faithful: the namespace lists
 * its sources, and every neurodata type the synthetic session uses is defined with its real parent
 * (neurodata_type_inc), so an NWB layer that reads the type hierarchy from cached specs works. Docs
 * are padded so each source is about as large as the real one (sizes decide where bytes land).
 */
import type { Prng } from './random';

interface TypeDef {
  def: string;
  inc?: string;
  kind: 'group' | 'dataset';
  doc: string;
  attributes?: string[];
}

interface SourceDef {
  source: string;
  title: string;
  /** Approximate size of the real source's JSON, in bytes. */
  approxBytes: number;
  types: TypeDef[];
}

interface NamespaceDef {
  name: string;
  version: string;
  fullName: string;
  includes: string[];
  sources: SourceDef[];
}

const WORDS = (
  'the data stored in this field are recorded from each channel of the device and aligned to the ' +
  'session start time with values in units given by the unit attribute after applying conversion ' +
  'and offset so that readers can recover physical quantities for analysis'
).split(' ');

function filler(prng: Prng, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(prng.pick(WORDS));
  return out.join(' ') + '.';
}

function typeJson(t: TypeDef, prng: Prng, docWords: number): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    neurodata_type_def: t.def,
    doc: `${t.doc} ${filler(prng, docWords)}`,
  };
  if (t.inc !== undefined) entry.neurodata_type_inc = t.inc;
  if (t.attributes !== undefined) {
    entry.attributes = t.attributes.map((name) => ({
      name,
      dtype: 'text',
      doc: filler(prng, Math.max(8, docWords >> 2)),
      required: false,
    }));
  }
  return entry;
}

function sourceJson(src: SourceDef, prng: Prng): string {
  // Grow the docs until the JSON is about the size of the real source.
  let docWords = 10;
  for (;;) {
    const groups = src.types.filter((t) => t.kind === 'group');
    const datasets = src.types.filter((t) => t.kind === 'dataset');
    const body: Record<string, unknown> = {};
    if (datasets.length > 0) body.datasets = datasets.map((t) => typeJson(t, prng, docWords));
    if (groups.length > 0) body.groups = groups.map((t) => typeJson(t, prng, docWords));
    const json = JSON.stringify(body);
    if (json.length >= src.approxBytes || docWords > 5000) return json;
    docWords = Math.ceil(docWords * Math.max(1.1, (src.approxBytes / json.length) * 0.9));
  }
}

function namespaceJson(ns: NamespaceDef): string {
  const schema: Record<string, string>[] = [
    ...ns.includes.map((namespace) => ({ namespace })),
    ...ns.sources.map((s) => ({ doc: s.title, source: s.source, title: s.title })),
  ];
  return JSON.stringify({
    namespaces: [
      {
        author: ['Synthetic Author One', 'Synthetic Author Two'],
        contact: ['one@example.org', 'two@example.org'],
        doc: `${ns.fullName} (synthetic cached copy for benchmarks)`,
        full_name: ns.fullName,
        name: ns.name,
        schema,
        version: ns.version,
      },
    ],
  });
}

const g = (def: string, inc: string | undefined, doc: string, attributes?: string[]): TypeDef => ({
  def,
  inc,
  kind: 'group',
  doc,
  attributes,
});
const d = (def: string, inc: string | undefined, doc: string, attributes?: string[]): TypeDef => ({
  def,
  inc,
  kind: 'dataset',
  doc,
  attributes,
});

export const NAMESPACES: NamespaceDef[] = [
  {
    name: 'hdmf-common',
    version: '1.8.0',
    fullName: 'HDMF Common',
    includes: [],
    sources: [
      {
        source: 'base',
        title: 'Base data types',
        approxBytes: 1_200,
        types: [
          d('Data', undefined, 'An abstract data type for a dataset.'),
          g('Container', undefined, 'An abstract data type for a group storing collections.'),
          g('SimpleMultiContainer', 'Container', 'A simple Container for holding Containers.'),
        ],
      },
      {
        source: 'table',
        title: 'DynamicTable data types',
        approxBytes: 11_000,
        types: [
          d('VectorData', 'Data', 'An n-dimensional dataset representing a column.', [
            'description',
          ]),
          d('VectorIndex', 'VectorData', 'Used with VectorData to encode a ragged array.', [
            'target',
          ]),
          d('ElementIdentifiers', 'Data', 'A list of unique identifiers for values.'),
          d('DynamicTableRegion', 'VectorData', 'Row indices into a DynamicTable.', [
            'table',
            'description',
          ]),
          g('DynamicTable', 'Container', 'A group containing multiple datasets aligned on rows.', [
            'colnames',
            'description',
          ]),
          g('AlignedDynamicTable', 'DynamicTable', 'DynamicTable container with sub-tables.', [
            'categories',
          ]),
        ],
      },
      {
        source: 'sparse',
        title: 'Sparse data types',
        approxBytes: 1_500,
        types: [g('CSRMatrix', 'Container', 'A compressed sparse row matrix.', ['shape'])],
      },
    ],
  },
  {
    name: 'hdmf-experimental',
    version: '0.5.0',
    fullName: 'HDMF Experimental',
    includes: ['hdmf-common'],
    sources: [
      {
        source: 'experimental',
        title: 'Experimental data types',
        approxBytes: 600,
        types: [d('EnumData', 'VectorData', 'Data that come from a fixed set of values.')],
      },
      {
        source: 'resources',
        title: 'Resource reference data types',
        approxBytes: 4_000,
        types: [g('HERD', 'Container', 'HDMF External Resources Data Structure.')],
      },
    ],
  },
  {
    name: 'core',
    version: '2.7.0',
    fullName: 'NWB core',
    includes: ['hdmf-common'],
    sources: [
      {
        source: 'nwb.base',
        title: 'Base data types',
        approxBytes: 14_000,
        types: [
          d('NWBData', 'Data', 'An abstract data type for a dataset.'),
          g('NWBContainer', 'Container', 'An abstract data type for a generic container.'),
          g('NWBDataInterface', 'NWBContainer', 'An abstract data type for a generic container.'),
          g('TimeSeries', 'NWBDataInterface', 'General purpose time series.', [
            'description',
            'comments',
          ]),
          g('ProcessingModule', 'NWBContainer', 'A collection of processed data.', ['description']),
          g('Images', 'NWBDataInterface', 'A collection of images.', ['description']),
          d(
            'TimeSeriesReferenceVectorData',
            'VectorData',
            'Column storing references to a TimeSeries.',
          ),
        ],
      },
      {
        source: 'nwb.device',
        title: 'Devices',
        approxBytes: 1_000,
        types: [g('Device', 'NWBContainer', 'Metadata about a data acquisition device.')],
      },
      {
        source: 'nwb.epoch',
        title: 'Epochs',
        approxBytes: 2_500,
        types: [g('TimeIntervals', 'DynamicTable', 'A container for aggregating epoch data.')],
      },
      {
        source: 'nwb.misc',
        title: 'Miscellaneous types',
        approxBytes: 9_000,
        types: [
          g('AbstractFeatureSeries', 'TimeSeries', 'Abstract features.'),
          g('AnnotationSeries', 'TimeSeries', 'Stores user annotations.'),
          g('IntervalSeries', 'TimeSeries', 'Stores intervals of data.'),
          g('DecompositionSeries', 'TimeSeries', 'Spectral analysis of a time series.'),
          g('Units', 'DynamicTable', 'Data about spiking units.'),
        ],
      },
      {
        source: 'nwb.behavior',
        title: 'Behavior',
        approxBytes: 5_000,
        types: [
          g('SpatialSeries', 'TimeSeries', 'Direction, e.g., of gaze or travel, or position.'),
          g('BehavioralEpochs', 'NWBDataInterface', 'Behavioral epochs.'),
          g('BehavioralEvents', 'NWBDataInterface', 'Behavioral events.'),
          g('BehavioralTimeSeries', 'NWBDataInterface', 'Behavioral time series.'),
          g('PupilTracking', 'NWBDataInterface', 'Eye-tracking data.'),
          g('EyeTracking', 'NWBDataInterface', 'Eye-tracking data.'),
          g('CompassDirection', 'NWBDataInterface', 'Direction data.'),
          g('Position', 'NWBDataInterface', 'Position data.'),
        ],
      },
      {
        source: 'nwb.ecephys',
        title: 'Extracellular electrophysiology',
        approxBytes: 12_000,
        types: [
          g('ElectricalSeries', 'TimeSeries', 'A time series of acquired voltage data.', [
            'filtering',
          ]),
          g('SpikeEventSeries', 'ElectricalSeries', 'Stores snapshots of spike events.'),
          g('FeatureExtraction', 'NWBDataInterface', 'Features extracted from spike waveforms.'),
          g('EventDetection', 'NWBDataInterface', 'Detected spike events.'),
          g('EventWaveform', 'NWBDataInterface', 'Spike data for spike events.'),
          g('FilteredEphys', 'NWBDataInterface', 'Filtered ephys data.'),
          g('LFP', 'NWBDataInterface', 'LFP data from one or more channels.'),
          g('ElectrodeGroup', 'NWBContainer', 'A physical grouping of electrodes.', [
            'description',
            'location',
          ]),
          g('ClusterWaveforms', 'NWBDataInterface', 'Mean waveform shape of clusters.'),
          g('Clustering', 'NWBDataInterface', 'Clustered spike data.'),
        ],
      },
      {
        source: 'nwb.icephys',
        title: 'Intracellular electrophysiology',
        approxBytes: 25_000,
        types: [
          g('PatchClampSeries', 'TimeSeries', 'An abstract base class for patch-clamp data.'),
          g(
            'CurrentClampSeries',
            'PatchClampSeries',
            'Voltage data from an intracellular recording.',
          ),
          g('VoltageClampSeries', 'PatchClampSeries', 'Current data from a voltage clamp.'),
          g('IntracellularElectrode', 'NWBContainer', 'An intracellular electrode.'),
          g('IntracellularRecordingsTable', 'AlignedDynamicTable', 'Intracellular recordings.'),
        ],
      },
      {
        source: 'nwb.image',
        title: 'Image data',
        approxBytes: 8_000,
        types: [
          d('GrayscaleImage', 'Image', 'A grayscale image.'),
          d('Image', 'NWBData', 'An abstract data type for an image.'),
          g('ImageSeries', 'TimeSeries', 'General image data.'),
          g('OpticalSeries', 'ImageSeries', 'Image data presented to the subject.'),
        ],
      },
      {
        source: 'nwb.file',
        title: 'NWB file',
        approxBytes: 30_000,
        types: [
          g('NWBFile', 'NWBContainer', 'An NWB file storing cellular-based neurophysiology data.', [
            'nwb_version',
          ]),
          g('LabMetaData', 'NWBContainer', 'Lab-specific meta-data.'),
          g('Subject', 'NWBContainer', 'Information about the animal or person.'),
        ],
      },
      {
        source: 'nwb.ogen',
        title: 'Optogenetics',
        approxBytes: 1_500,
        types: [
          g('OptogeneticSeries', 'TimeSeries', 'An optogenetic stimulus.'),
          g('OptogeneticStimulusSite', 'NWBContainer', 'A site of optogenetic stimulation.'),
        ],
      },
      {
        source: 'nwb.ophys',
        title: 'Optical physiology',
        approxBytes: 14_000,
        types: [
          g('TwoPhotonSeries', 'ImageSeries', 'Image stack recorded over time.'),
          g('RoiResponseSeries', 'TimeSeries', 'ROI responses over an imaging plane.'),
          g('PlaneSegmentation', 'DynamicTable', 'Results from image segmentation.'),
          g('ImagingPlane', 'NWBContainer', 'An imaging plane and its metadata.'),
        ],
      },
    ],
  },
];

/** The datasets under /specifications/<ns>/<version>/: name -> JSON text. */
export function specDatasets(prng: Prng): { ns: NamespaceDef; files: Map<string, string> }[] {
  return NAMESPACES.map((ns) => {
    const files = new Map<string, string>();
    files.set('namespace', namespaceJson(ns));
    for (const src of ns.sources) files.set(src.source, sourceJson(src, prng));
    return { ns, files };
  });
}
