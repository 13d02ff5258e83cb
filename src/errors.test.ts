import { describe, expect, it } from 'vitest';
import { ExplorerError, asExplorerError, isCancelled } from './errors';

/** What comlink delivers for a thrown error: a plain object with name and message. */
const crossed = (name: string, message: string) => ({ name, message });

describe('asExplorerError', () => {
  it('recovers the code of an error that crossed a worker', () => {
    const error = asExplorerError(crossed('ExplorerError:not-found', 'No such file.'));
    expect(error).toBeInstanceOf(ExplorerError);
    expect(error.code).toBe('not-found');
    expect(error.message).toBe('No such file.');
  });

  it('turns an unknown code into internal and keeps the message', () => {
    const error = asExplorerError(crossed('ExplorerError:made-up', 'Something odd.'));
    expect(error.code).toBe('internal');
    expect(error.message).toBe('Something odd.');
    expect(asExplorerError(crossed('ExplorerError:toString', 'x')).code).toBe('internal');
  });

  it('names aborts as cancelled and anything else as internal', () => {
    expect(isCancelled(new DOMException('stop', 'AbortError'))).toBe(true);
    expect(asExplorerError(new TypeError('boom'))).toMatchObject({
      code: 'internal',
      message: 'boom',
    });
    expect(asExplorerError('text')).toMatchObject({ code: 'internal', message: 'text' });
  });
});
