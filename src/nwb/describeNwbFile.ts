/**
 * What kind of NWB file this is, read from the root's attributes (and, for NWB 1.x, the
 * nwb_version dataset). Reads only the root: a handful of small attributes.
 */
import type { AttributeInfo, DataReader, ReadOptions, Value } from '../reader/contract';
import { rootAttributes } from './rootAttributes';
import { unwrapString } from './unwrap';

export interface NwbFileDescription {
  /** True when the root says it is NWB (nwb_version attribute, or the NWB 1.x dataset). */
  isNwb: boolean;
  nwbVersion: string | null;
  /** NWB 1.x: shown with limited support. */
  legacy: boolean;
  identifier: string | null;
  sessionDescription: string | null;
  sessionStartTime: string | null;
  /** neurodata_type of the root ("NWBFile" for NWB 2.x). */
  neurodataType: string | null;
  namespace: string | null;
}

const NOT_NWB: NwbFileDescription = {
  isNwb: false,
  nwbVersion: null,
  legacy: false,
  identifier: null,
  sessionDescription: null,
  sessionStartTime: null,
  neurodataType: null,
  namespace: null,
};

function attrString(attrs: AttributeInfo[], name: string): string | null {
  const found = attrs.find((a) => a.name === name);
  return found ? unwrapString(found.value) : null;
}

/** NWB 1.x keeps these as datasets at the root rather than attributes. */
async function readRootDatasetString(
  reader: DataReader,
  name: string,
  options: ReadOptions,
): Promise<string | null> {
  const path = '/' + name;
  if ((await reader.getKind(path, options)) !== 'dataset') return null;
  const info = await reader.describeDataset(path, options);
  if (info.shape === null || info.elementCount !== 1) return null;
  const slice = await reader.readSlice(
    path,
    info.shape.map(() => ({ start: 0, stop: 1 })),
    options,
  );
  const values = slice.values;
  const first: Value | undefined = Array.isArray(values) ? values[0] : undefined;
  return unwrapString(first);
}

export function isLegacyVersion(version: string | null): boolean {
  return version !== null && /^NWB-1/i.test(version.trim());
}

/** The session fields: attributes in some writers, root datasets in NWB 2.x and 1.x. */
const SESSION_FIELDS = ['identifier', 'session_description', 'session_start_time'] as const;

export async function describeNwbFile(
  reader: DataReader,
  options: ReadOptions = {},
): Promise<NwbFileDescription> {
  const attrs = await rootAttributes(reader, options);
  const neurodataType = attrString(attrs, 'neurodata_type');
  const namespace = attrString(attrs, 'namespace');
  const versionAttr = attrString(attrs, 'nwb_version');
  // NWB 1.x keeps nwb_version as a dataset.
  const version =
    versionAttr ?? (await readRootDatasetString(reader, 'nwb_version', options).catch(() => null));
  if (version === null) return { ...NOT_NWB, neurodataType, namespace };

  const [identifier, sessionDescription, sessionStartTime] = await Promise.all(
    SESSION_FIELDS.map(
      async (name) =>
        attrString(attrs, name) ??
        (await readRootDatasetString(reader, name, options).catch(() => null)),
    ),
  );
  return {
    isNwb: true,
    nwbVersion: version,
    legacy: versionAttr === null || isLegacyVersion(version),
    identifier,
    sessionDescription,
    sessionStartTime,
    neurodataType,
    namespace,
  };
}
