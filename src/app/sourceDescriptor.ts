/**
 * The UI names sources only as the client accepts them: the byte layer itself is off limits to
 * the UI (see eslint.config.js), so the type is taken from the client's open().
 */
import type { ExplorerClient } from '../workers/ExplorerClient';

export type SourceDescriptor = Parameters<ExplorerClient['open']>[0];
