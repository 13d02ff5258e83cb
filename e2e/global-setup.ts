/**
 * Generates the fixtures the end-to-end tests serve: small edge cases, the cancel fixture, and
 * the ~300 MB synthetic session (written once, ~40 s; the table spec opens it).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_ACROSS_DIR, makeAcrossSessions } from '../scripts/make-across-sessions';
import { makeCancelFixture } from '../scripts/make-cancel-fixture';
import { makeEdgeFixtures } from '../scripts/make-edge-fixtures';
import { DEFAULT_SYNTHETIC_PATH, makeSyntheticSession } from '../scripts/make-synthetic-session';

export default async function globalSetup(): Promise<void> {
  const root = path.resolve(import.meta.dirname, '..');
  await makeEdgeFixtures(path.join(root, 'fixtures/generated/edge'));
  await makeCancelFixture(path.join(root, 'fixtures/generated/cancel'));
  await makeAcrossSessions(path.join(root, DEFAULT_ACROSS_DIR), 10);
  const synthetic = path.join(root, DEFAULT_SYNTHETIC_PATH);
  if (!existsSync(synthetic)) await makeSyntheticSession({ out: synthetic, scale: 1 });
}
