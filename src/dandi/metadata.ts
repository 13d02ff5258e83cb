/**
 * What the dandiset page shows, read out of version metadata. Everything is optional in the
 * schema, so each helper returns something displayable for any input.
 */
import type { Contributor, DandisetMetadata } from './types';

export interface DandisetSummary {
  name: string;
  description: string;
  contributors: { name: string; roles: string[]; organization: boolean }[];
  license: string[];
  citation: string | null;
  bytes: number | null;
  files: number | null;
  subjects: number | null;
}

const ROLE_LABELS: Record<string, string> = {
  'dcite:ContactPerson': 'contact',
  'dcite:Author': 'author',
  'dcite:Sponsor': 'sponsor',
  'dcite:Funder': 'funder',
  'dcite:DataCollector': 'data collector',
  'dcite:DataCurator': 'data curator',
  'dcite:Maintainer': 'maintainer',
  'dcite:Researcher': 'researcher',
};

function contributor(c: Contributor) {
  return {
    name: c.name ?? 'Unnamed',
    roles: (c.roleName ?? []).map((r) => ROLE_LABELS[r] ?? r.replace(/^dcite:/, '')),
    organization: c.schemaKey === 'Organization',
  };
}

/** "spdx:CC-BY-4.0" reads as "CC-BY-4.0". */
export function licenseLabel(license: string): string {
  return license.replace(/^spdx:/, '');
}

export function summarizeMetadata(
  meta: DandisetMetadata | undefined,
  fallbackName = '',
): DandisetSummary {
  const m = meta ?? {};
  return {
    name: m.name ?? fallbackName,
    description: m.description ?? '',
    contributors: (m.contributor ?? []).map(contributor),
    license: (m.license ?? []).map(licenseLabel),
    citation: m.citation ?? null,
    bytes: m.assetsSummary?.numberOfBytes ?? null,
    files: m.assetsSummary?.numberOfFiles ?? null,
    subjects: m.assetsSummary?.numberOfSubjects ?? null,
  };
}
