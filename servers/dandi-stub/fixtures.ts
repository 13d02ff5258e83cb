/**
 * The stand-in archive's content: dandisets, versions and assets whose blobs are real NWB files
 * from ../shared/testdata. Asset ids, paths and version names of 000001 come from the dandidav
 * stubs (../shared/testdata/dandi-api), so they look like real DANDI data.
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export interface StubAsset {
  assetId: string;
  path: string;
  /** Exactly one of blobId / zarrId. */
  blobId?: string;
  zarrId?: string;
  /** Absolute path of the blob's bytes, or of the Zarr store's directory. */
  file: string;
  size: number;
  encodingFormat: string;
  created: string;
  modified: string;
}

export interface StubVersion {
  version: string;
  name: string;
  description: string;
  created: string;
  modified: string;
  contributors: { name: string; schemaKey: 'Person' | 'Organization'; roleName: string[] }[];
  license: string[];
  assets: StubAsset[];
}

export interface StubDandiset {
  identifier: string;
  created: string;
  modified: string;
  embargoed: boolean;
  draft: StubVersion;
  /** Oldest first; the last is the most recent published version. */
  published: StubVersion[];
}

/** Deterministic UUIDs so ids are stable across runs (tests and shared links rely on them). */
export function stubUuid(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const sizeCache = new Map<string, number>();
function sizeOf(file: string): number {
  let size = sizeCache.get(file);
  if (size === undefined) {
    const st = statSync(file);
    size = st.isDirectory() ? dirSize(file) : st.size;
    sizeCache.set(file, size);
  }
  return size;
}

function dirSize(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? dirSize(p) : statSync(p).size;
  }
  return total;
}

function formatOf(p: string): string {
  if (/\.zarr$/i.test(p)) return 'application/x-zarr';
  if (/\.nwb$/i.test(p)) return 'application/x-nwb';
  if (/\.json$/i.test(p)) return 'application/json';
  if (/\.tsv$/i.test(p)) return 'text/tab-separated-values';
  return 'application/octet-stream';
}

export interface TestdataFiles {
  subject: string;
  anm369963: string;
  anm372793: string;
  ecephys: string;
  timeSeries: string;
  units: string;
  ophys: string;
  notNwb: string;
  zarrStore: string;
  json: string;
  tsv: string;
}

export function testdataFiles(root: string): TestdataFiles {
  const p = (rel: string) => path.join(root, rel);
  return {
    // Byte-identical to real DANDI 000027 sub-RAT123/sub-RAT123.nwb.
    subject: p('nwb-explorer/test/nwb_files/pynwb_test_files/test_Subject.nwb'),
    anm369963: p(
      'dandi-cli/dandi/tests/data/dandifiles/sub-anm369963/sub-anm369963_ses-20170228.nwb',
    ),
    anm372793: p(
      'dandi-cli/dandi/tests/data/dandifiles/sub-anm372793/sub-anm372793_ses-20170508.nwb',
    ),
    ecephys: p('neuroconv/ephy_testing_data/nwb/ecephys_tutorial_v2.5.0.nwb'),
    timeSeries: p('nwb-explorer/test/nwb_files/pynwb_test_files/test_TimeSeries.nwb'),
    units: p('nwb-explorer/test/nwb_files/pynwb_test_files/test_Units.nwb'),
    ophys: p('neuroconv/ophys_testing_data/segmentation_datasets/nwb/nwb_test.nwb'),
    // A valid HDF5 file that is not NWB.
    notNwb: p('pynwb/tests/unit/pynwb_tests/data/empty.nwb'),
    zarrStore: p('hdmf-zarr/ecephys_tutorial.nwb.zarr'),
    json: p('dandi-api/dandi-archive_doc-design-atpath_example.json'),
    tsv: p('dandi-api/README.md'),
  };
}

interface AssetSpec {
  path: string;
  file: string;
  assetId?: string;
  id?: string;
  created?: string;
}

function asset(spec: AssetSpec, seed: string): StubAsset {
  const isZarr = /\.zarr$/i.test(spec.path);
  const id = spec.id ?? stubUuid(`${seed}:obj:${spec.path}`);
  const when = spec.created ?? '2023-03-02T22:10:45.985334Z';
  return {
    assetId: spec.assetId ?? stubUuid(`${seed}:asset:${spec.path}`),
    path: spec.path,
    ...(isZarr ? { zarrId: id } : { blobId: id }),
    file: spec.file,
    size: sizeOf(spec.file),
    encodingFormat: formatOf(spec.path),
    created: when,
    modified: when,
  };
}

const PEOPLE: StubVersion['contributors'] = [
  { name: 'Sample, Eggy', schemaKey: 'Person', roleName: ['dcite:ContactPerson', 'dcite:Author'] },
  { name: 'Unicorn Research Lab', schemaKey: 'Organization', roleName: ['dcite:Sponsor'] },
];

function version(
  v: string,
  name: string,
  created: string,
  assets: StubAsset[],
  extra: Partial<StubVersion> = {},
): StubVersion {
  return {
    version: v,
    name,
    description: `${name}. Plain text only: <b>this is not bold</b> & neither is this.`,
    created,
    modified: created,
    contributors: PEOPLE,
    license: ['spdx:CC-BY-4.0'],
    assets,
    ...extra,
  };
}

/** Ids the tests and the README refer to. */
export const IDS = {
  /** Three versions; the latest published is chosen by default. Has a Zarr asset and a .tsv. */
  versions: '000001',
  /** Never published: the draft is the default. A non-NWB HDF5 file and a JSON file. */
  draftOnly: '000003',
  /** Embargoed: 401 without a key, 403 with a wrong one. */
  embargoed: '000004',
  /** No assets at all. */
  empty: '000005',
  /** 10,000 generated assets across folders; one folder holds 2,500. */
  large: '000006',
  /** Like real 000027: one subject, one file. */
  rat: '000027',
  /** Open, with a 2.4 MB file (larger than the first read) and a Zarr store: neurosift links. */
  ophys: '000007',
  /** The first of 40 empty dandisets named "Paging survey NN" (search paging). */
  surveyFirst: '100001',
  /** Generated sessions for the across-files view (only when the stub is given their files). */
  sessions: '000010',
  /** Does not exist. */
  unknown: '999999',
} as const;

/** A dandiset of the given session files, one folder per subject as DANDI lays them out. */
function buildSessions(files: readonly string[], notNwb: string): StubDandiset {
  const created = '2024-05-20T12:00:00.000000Z';
  const assets = files.map((file) => {
    const name = path.basename(file);
    return asset({ path: `${name.split('_')[0]}/${name}`, file }, '10');
  });
  return {
    identifier: IDS.sessions,
    created,
    modified: created,
    embargoed: false,
    draft: version('draft', 'Ten synthetic sessions', created, [
      ...assets,
      asset({ path: 'not-nwb/empty.nwb', file: notNwb }, '10'),
    ]),
    published: [],
  };
}

export function buildArchive(root: string, sessionFiles: readonly string[] = []): StubDandiset[] {
  const f = testdataFiles(root);

  // 000001: the dandidav stubs' dandiset, with real files behind its asset ids.
  const v1Assets = [
    asset(
      { path: 'participants.tsv', file: f.tsv, assetId: 'd0bc22db-65af-4dfe-90b8-2840b96f74ae' },
      '1a',
    ),
    asset(
      {
        path: 'sub-RAT123/sub-RAT123.nwb',
        file: f.subject,
        assetId: '838bab7b-9ab4-4d66-97b3-898a367c9c7e',
        id: '2dbaf0fd-5003-4a0a-b4c0-bc8cdbdb3826',
      },
      '1a',
    ),
    asset(
      {
        path: 'sub-RAT123/sub-RAT456.zarr',
        file: f.zarrStore,
        assetId: '3262d292-cf9d-4aa0-bdce-e3cfc9420768',
        id: '9eea4d89-c304-4a94-9117-66334b704cbd',
      },
      '1a',
    ),
  ];
  const v2Assets = [
    asset(
      { path: '9coP.nwb', file: f.anm369963, assetId: 'af17d53e-1bbf-473b-9a3c-5ca32db1e90d' },
      '1b',
    ),
    asset(
      { path: 'OK.nwb', file: f.ecephys, assetId: '86645ab4-782a-403e-9e1a-f65df91b70a9' },
      '1b',
    ),
    asset(
      { path: 'PYQIm.tsv', file: f.tsv, assetId: '34523ca7-ff7c-42b3-a311-2f2d0ccc780f' },
      '1b',
    ),
    asset(
      { path: 'b.zarr', file: f.zarrStore, assetId: '9bb35766-4d95-48d7-88df-68a23cd43b74' },
      '1b',
    ),
    asset(
      { path: 'mv.nwb', file: f.timeSeries, assetId: '6d8e773d-fb9c-45e6-9a14-2c249399a901' },
      '1b',
    ),
    asset(
      { path: 'yCw7krL6rM.nwb', file: f.units, assetId: '864dffcb-61f7-4a1a-b26c-462739931efa' },
      '1b',
    ),
  ];
  const d1: StubDandiset = {
    identifier: IDS.versions,
    created: '2020-03-15T22:56:55.655000Z',
    modified: '2020-11-06T17:20:30.673000Z',
    embargoed: false,
    draft: version('draft', 'Brainscan of a Unicorn', '2020-03-15T22:56:55.655000Z', [v1Assets[1]]),
    published: [
      version('0.210512.1623', 'Brainscan of a Unicorn', '2021-05-12T16:23:14.388489Z', v1Assets),
      version('0.230629.1955', 'Brainscan of a Unicorn', '2023-06-29T19:55:31.388489Z', v2Assets),
    ],
  };

  const d3: StubDandiset = {
    identifier: IDS.draftOnly,
    created: '2020-03-16T22:52:44.757000Z',
    modified: '2020-04-09T20:59:35.377000Z',
    embargoed: false,
    draft: version('draft', 'Brainscan of a Mermaid', '2020-03-16T22:52:44.757000Z', [
      asset({ path: 'dataset_description.json', file: f.json }, '3'),
      asset({ path: 'not-nwb/empty.nwb', file: f.notNwb }, '3'),
      asset({ path: 'sub-anm372793/sub-anm372793_ses-20170508.nwb', file: f.anm372793 }, '3'),
    ]),
    published: [],
  };

  const d4: StubDandiset = {
    identifier: IDS.embargoed,
    created: '2024-01-10T10:00:00.000000Z',
    modified: '2024-01-10T10:00:00.000000Z',
    embargoed: true,
    draft: version('draft', 'Embargoed ecephys session', '2024-01-10T10:00:00.000000Z', [
      asset({ path: 'sub-001/sub-001_ecephys.nwb', file: f.ecephys }, '4'),
      // Big enough (2.4 MB) that reading goes on after the first presigned URL expired.
      asset({ path: 'sub-002/sub-002_ophys.nwb', file: f.ophys }, '4'),
    ]),
    published: [],
  };

  const d5: StubDandiset = {
    identifier: IDS.empty,
    created: '2024-02-01T09:00:00.000000Z',
    modified: '2024-02-01T09:00:00.000000Z',
    embargoed: false,
    draft: version('draft', 'An empty dandiset', '2024-02-01T09:00:00.000000Z', []),
    published: [],
  };

  const d27: StubDandiset = {
    identifier: IDS.rat,
    created: '2021-08-31T20:33:00.000000Z',
    modified: '2021-08-31T20:33:00.000000Z',
    embargoed: false,
    draft: version('draft', 'Test dataset for development', '2021-08-31T20:33:00.000000Z', [
      v1Assets[1],
    ]),
    published: [
      version('0.210831.2033', 'Test dataset for development', '2021-08-31T20:33:00.000000Z', [
        v1Assets[1],
      ]),
    ],
  };

  const d7: StubDandiset = {
    identifier: IDS.ophys,
    created: '2024-04-02T10:00:00.000000Z',
    modified: '2024-04-02T10:00:00.000000Z',
    embargoed: false,
    draft: version('draft', 'Open calcium imaging session', '2024-04-02T10:00:00.000000Z', [
      asset({ path: 'sub-003/sub-003_ophys.nwb', file: f.ophys }, '7'),
      asset({ path: 'sub-003/sub-003_ecephys.zarr', file: f.zarrStore }, '7'),
    ]),
    published: [],
  };

  const sessions = sessionFiles.length > 0 ? [buildSessions(sessionFiles, f.notNwb)] : [];
  return [d1, d3, d4, d5, buildLarge(f), d7, d27, ...sessions, ...buildSurvey()];
}

/** 40 empty dandisets named alike, so a search has more than one page of results. */
function buildSurvey(): StubDandiset[] {
  return Array.from({ length: 40 }, (_, i) => {
    const created = `2022-05-${String((i % 28) + 1).padStart(2, '0')}T08:00:00.000000Z`;
    return {
      identifier: String(100001 + i),
      created,
      modified: created,
      embargoed: false,
      draft: version('draft', `Paging survey ${String(i + 1).padStart(2, '0')}`, created, []),
      published: [],
    };
  });
}

/** 10,000 assets: 15 subjects of 500 sessions and one of 2,500 (a folder that needs paging). */
function buildLarge(f: TestdataFiles): StubDandiset {
  const assets: StubAsset[] = [];
  const add = (subject: string, n: number) => {
    for (let s = 0; s < n; s++) {
      const ses = String(s).padStart(4, '0');
      const p = `${subject}/${subject}_ses-${ses}.nwb`;
      assets.push(asset({ path: p, file: f.subject }, '6'));
    }
  };
  for (let i = 0; i < 15; i++) add(`sub-${String(i).padStart(2, '0')}`, 500);
  add('sub-big', 2500);
  const created = '2024-03-01T12:00:00.000000Z';
  const v = version('0.240301.1200', 'A large generated dandiset', created, assets);
  return {
    identifier: IDS.large,
    created,
    modified: created,
    embargoed: false,
    draft: { ...v, version: 'draft' },
    published: [v],
  };
}
