/**
 * What each ExplorerError code means to a user: a title, a hint on what to do, whether retrying
 * can help, and whether it is a warning (the app carries on) rather than a failure.
 */
import type { ErrorCode } from '../../errors';

export interface ErrorText {
  title: string;
  hint: string;
  retry: boolean;
  /** Warnings inform; the operation went on (e.g. the cache could not store blocks). */
  warning?: boolean;
  /** 'changed': the right action is to reopen the file, not to retry the read. */
  reopen?: boolean;
}

export const ERROR_TEXT: Record<ErrorCode, ErrorText> = {
  'not-found': {
    title: 'Not found',
    hint: 'The server says this file does not exist (404). Check the address.',
    retry: true,
  },
  forbidden: {
    title: 'Access denied',
    hint: 'The server refused access (401/403). The file may be private or the link may have expired.',
    retry: true,
  },
  network: {
    title: 'Network error',
    hint: 'The host did not answer, or the connection dropped. Check your connection and the address.',
    retry: true,
  },
  cors: {
    title: 'Blocked by the browser (CORS)',
    hint: 'The server answered but does not allow pages from other sites to read its files. Whoever runs it can add the CORS headers named above; meanwhile, download the file and open it from disk.',
    retry: true,
  },
  'no-range-support': {
    title: 'Server cannot send parts of files',
    hint: 'This server ignores HTTP Range requests, so the file could only be read by downloading all of it. Download it and open it from disk instead.',
    retry: false,
  },
  truncated: {
    title: 'File is incomplete',
    hint: 'The file ends before the data it describes (a partial download?).',
    retry: false,
  },
  'not-hdf5': {
    title: 'Not an HDF5 file',
    hint: 'These bytes are not HDF5, so this is not an NWB file this app can read.',
    retry: false,
  },
  server: {
    title: 'Server error',
    hint: 'The server kept failing (5xx or rate limiting) after several retries. Try again later.',
    retry: true,
  },
  changed: {
    title: 'The file changed on the server',
    hint: 'Its bytes differ from what was read before. Reopen it to read the new version.',
    retry: true,
    reopen: true,
  },
  quota: {
    title: 'Browser storage is full',
    hint: 'Blocks could not be kept for next time; reading goes on without the persistent cache.',
    retry: false,
    warning: true,
  },
  'too-large': {
    title: 'Too large to read at once',
    hint: 'Select fewer elements.',
    retry: false,
  },
  cancelled: { title: 'Cancelled', hint: '', retry: true },
  unsupported: {
    title: 'Not supported',
    hint: 'This file uses a feature (a compression filter, a data type) this app cannot read.',
    retry: false,
  },
  internal: {
    title: 'Unexpected error',
    hint: 'Something went wrong inside the app.',
    retry: true,
  },
};
