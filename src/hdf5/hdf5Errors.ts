/**
 * Names an HDF5 failure from the diagnostics HDF5 printed while failing, because h5wasm's own
 * exceptions say little ("error - name not defined!") and a failed open returns a bare -1.
 */
import { ExplorerError, asExplorerError } from '../errors';

export function classifyHdf5Failure(error: unknown, diagnostics: string[]): ExplorerError {
  if (error instanceof ExplorerError && error.code !== 'internal') return error;
  const text = diagnostics.join('\n');
  if (/file signature not found/i.test(text)) {
    return new ExplorerError('not-hdf5', 'This is not an HDF5 file (no HDF5 signature found).');
  }
  if (/truncated file/i.test(text)) {
    const match = /eof = (\d+).*stored_eof = (\d+)/i.exec(text);
    const detail = match
      ? ` It has ${Number(match[1]).toLocaleString('en-US')} bytes; its header says ${Number(match[2]).toLocaleString('en-US')}.`
      : '';
    return new ExplorerError('truncated', `The file is truncated.${detail}`);
  }
  if (/can't (open|read|locate|decompress|apply filter)|filter|plugin/i.test(text)) {
    const missingFilter = /required filter '?([^'"]*)'? is not registered|can't find plugin/i.exec(
      text,
    );
    if (missingFilter) {
      return new ExplorerError(
        'unsupported',
        `This dataset uses a compression filter that is not available in the browser${missingFilter[1] ? ` (${missingFilter[1]})` : ''}.`,
      );
    }
  }
  const base = asExplorerError(error);
  const minor = [...text.matchAll(/minor: (.+)/g)].map((m) => m[1].trim()).pop();
  const major = [...text.matchAll(/#\d+: .*? line \d+ in \S+\(\): (.+)/g)].map((m) => m[1].trim());
  const reason = major.length > 0 ? major[major.length - 1] : minor;
  if (reason && base.code === 'internal') {
    return new ExplorerError('internal', `HDF5 could not do this: ${reason}.`, { cause: error });
  }
  return base;
}
