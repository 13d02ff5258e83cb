/**
 * How to reopen the open file (the app reruns its open request), for errors that only a reopen
 * cures: a file found changed fails every later read of the old copy, so retrying the read
 * would fail again. Null where no file is open (or outside the app).
 */
import { createContext } from 'react';

export const ReopenFileContext = createContext<(() => void) | null>(null);
