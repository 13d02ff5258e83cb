/**
 * The range server in a process of its own, as a real server runs on another host: in the
 * bench's process its work (throttling timers, file reads, response writes) took turns with the
 * reader's on one event loop, a cost no browser pays; in a child process it runs beside it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RangeServerOptions } from '../servers/range-server';

export interface ServerProcess {
  url: string;
  /** Requests received and body bytes sent so far. */
  stats(): Promise<{ requests: number; bytes: number }>;
  close(): Promise<void>;
}

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'serverChild.ts');

export async function startServerProcess(options: RangeServerOptions): Promise<ServerProcess> {
  const child = fork(CHILD, [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(): Promise<T> =>
    new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`range server exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (message) => {
        child.off('exit', onExit);
        resolve(message as T);
      });
    });
  const { url } = await next<{ url: string }>();
  // One question at a time: answers come back in order.
  let queue: Promise<unknown> = Promise.resolve();
  const ask = <T>(message: string, reply: (c: ChildProcess) => Promise<T>): Promise<T> => {
    const answer = queue.then(() => {
      const got = reply(child);
      child.send(message);
      return got;
    });
    queue = answer.catch(() => undefined);
    return answer;
  };
  return {
    url,
    stats: () => ask('stats', () => next<{ requests: number; bytes: number }>()),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send('close');
      }),
  };
}
