/** Generates the small edge-case fixtures the end-to-end tests serve. */
import path from 'node:path';
import { makeEdgeFixtures } from '../scripts/make-edge-fixtures';

export default async function globalSetup(): Promise<void> {
  await makeEdgeFixtures(path.resolve(import.meta.dirname, '../fixtures/generated/edge'));
}
