/**
 * Family-driver fixtures for tests: real NWB files rewritten by h5py's family driver, each beside
 * HDF5's own single-file reading of it (h5repart). Written on first use, then reused.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../..');
export const FAMILY_DIR = path.join(ROOT, 'fixtures/generated/family');
/** Debian's python carries python3-h5py; a pyenv python first on PATH may not. */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

export interface FamilyFixture {
  /** Member pattern relative to FAMILY_DIR, e.g. `ecephys_tutorial_v2.5.0-%06d.nwb`. */
  pattern: string;
  members: string[];
  /** h5repart's single file. */
  single: string;
}

export function familyFixtures(): FamilyFixture[] {
  const stems = ['ecephys_tutorial_v2.5.0', 'nwb_test'];
  const ready = () =>
    existsSync(FAMILY_DIR) &&
    stems.every((stem) => existsSync(path.join(FAMILY_DIR, `${stem}.single.nwb`)));
  if (!ready()) {
    execFileSync(PYTHON, [path.join(ROOT, 'scripts/family/make_family_fixtures.py'), FAMILY_DIR], {
      stdio: 'inherit',
    });
  }
  const names = readdirSync(FAMILY_DIR);
  return stems.map((stem) => ({
    pattern: `${stem}-%06d.nwb`,
    members: names.filter((n) => n.startsWith(`${stem}-`)).sort(),
    single: `${stem}.single.nwb`,
  }));
}
