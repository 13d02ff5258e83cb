/** Generates the small edge-case fixtures the end-to-end tests serve. */
import path from 'node:path';
import { makeCancelFixture } from '../scripts/make-cancel-fixture';
import { makeEdgeFixtures } from '../scripts/make-edge-fixtures';

export default async function globalSetup(): Promise<void> {
  await makeEdgeFixtures(path.resolve(import.meta.dirname, '../fixtures/generated/edge'));
  await makeCancelFixture(path.resolve(import.meta.dirname, '../fixtures/generated/cancel'));
}
