/**
 * Debian's Chromium driven through its own DevTools pipe (--remote-debugging-pipe), with only the
 * protocol domains the browser benchmark asks for.
 *
 * Why not Playwright here: Playwright turns on the Network domain in every page it controls, and
 * with it Chromium records, for each request a script starts, the script stack that started it.
 * To put line numbers on that stack V8 parses the calling scripts again
 * (V8.CollectSourcePositions): in a return visit of the app, 90-100 ms of the main thread spent
 * re-parsing the entry script, which no user's browser does. The end-to-end tests keep Playwright;
 * only timing needs a browser that nothing watches more closely than the benchmark must.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { sleep } from '../src/bytes/abort';

/** The flags besides the project's own: the ones Playwright passes that bear on timing. */
const TIMING_ARGS = [
  '--headless',
  '--window-size=1280,800',
  // A headless window counts as hidden: without these its timers and rendering are throttled.
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
  '--disable-field-trial-config',
  '--disable-extensions',
  '--disable-default-apps',
  '--disable-breakpad',
  '--disable-hang-monitor',
  '--no-default-browser-check',
  '--password-store=basic',
  '--use-mock-keychain',
];

const COMMAND_TIMEOUT_MS = 60_000;

/** A protocol event's parameters: shapes vary by event; each listener reads what it knows. */
type EventParams = Record<string, unknown>;
type Listener = (params: EventParams) => void;

/** A command's answer (with its id) or an event (with its method). */
interface PipeMessage {
  id?: number;
  result?: unknown;
  error?: { message: string };
  method?: string;
  params?: EventParams;
  sessionId?: string;
}

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** One session: the browser itself (no id) or a target attached with flatten (page, worker). */
export class DevtoolsSession {
  constructor(
    private readonly pipe: DevtoolsPipe,
    readonly id: string | undefined,
  ) {}

  send<T = Record<string, unknown>>(method: string, params: object = {}): Promise<T> {
    return this.pipe.send(method, params, this.id) as Promise<T>;
  }

  on(event: string, listener: Listener): () => void {
    return this.pipe.listen(this.id, event, listener);
  }

  /** Evaluates an expression (a promise is awaited) and returns its value as JSON gives it. */
  async evaluate<T>(expression: string): Promise<T> {
    const answer = await this.send<{
      result: { value?: unknown };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    }>('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    if (answer.exceptionDetails) {
      const { text, exception } = answer.exceptionDetails;
      throw new Error(`evaluation failed: ${exception?.description ?? text}`);
    }
    return answer.result.value as T;
  }
}

/** The message framing of --remote-debugging-pipe: JSON, each message ended by a NUL byte. */
class DevtoolsPipe {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private unread = '';
  private closedWith: Error | null = null;

  constructor(
    private readonly toBrowser: Writable,
    fromBrowser: Readable,
  ) {
    fromBrowser.setEncoding('utf8');
    fromBrowser.on('data', (chunk: string) => this.receive(chunk));
    fromBrowser.on('close', () => this.fail(new Error('the browser closed its DevTools pipe')));
  }

  send(method: string, params: object, sessionId: string | undefined): Promise<unknown> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer within ${COMMAND_TIMEOUT_MS / 1000} s`));
      }, COMMAND_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      this.toBrowser.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
    });
  }

  listen(sessionId: string | undefined, event: string, listener: Listener): () => void {
    const key = `${sessionId ?? ''} ${event}`;
    const set = this.listeners.get(key) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(key, set);
    return () => set.delete(listener);
  }

  fail(error: Error): void {
    this.closedWith ??= error;
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(error);
    }
    this.pending.clear();
  }

  private receive(chunk: string): void {
    this.unread += chunk;
    let end: number;
    while ((end = this.unread.indexOf('\0')) >= 0) {
      const text = this.unread.slice(0, end);
      this.unread = this.unread.slice(end + 1);
      this.dispatch(JSON.parse(text) as PipeMessage);
    }
  }

  private dispatch(message: PipeMessage): void {
    if (message.id !== undefined) {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      clearTimeout(waiting.timer);
      if (message.error) waiting.reject(new Error(message.error.message));
      else waiting.resolve(message.result);
      return;
    }
    if (!message.method) return;
    const set = this.listeners.get(`${message.sessionId ?? ''} ${message.method}`);
    for (const listener of set ?? []) listener(message.params ?? {});
  }
}

export interface PipedBrowser {
  /** The session of the browser's one page (the tab it opened at start). */
  page: DevtoolsSession;
  /** Sessions of the page's workers attached so far, by session id. */
  workers: Map<string, DevtoolsSession>;
  close(): Promise<void>;
}

/**
 * Starts Chromium on a profile folder, attaches to its page and to each worker the page starts
 * (without pausing them), and runs `initScript` in every document before the page's own scripts.
 */
export async function launchPiped(profileDir: string, initScript: string): Promise<PipedBrowser> {
  const child = spawn(
    CHROMIUM_PATH,
    [
      ...CHROMIUM_ARGS,
      ...TIMING_ARGS,
      '--remote-debugging-pipe',
      `--user-data-dir=${profileDir}`,
      'about:blank',
    ],
    // Chromium reads commands from fd 3 and writes answers to fd 4.
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
  );
  const pipe = new DevtoolsPipe(child.stdio[3] as Writable, child.stdio[4] as Readable);
  child.once('exit', (code, signal) =>
    pipe.fail(new Error(`Chromium exited (${signal ?? `code ${code}`})`)),
  );
  try {
    const browser = new DevtoolsSession(pipe, undefined);
    const pageId = await firstPage(browser);
    const { sessionId } = await browser.send<{ sessionId: string }>('Target.attachToTarget', {
      targetId: pageId,
      flatten: true,
    });
    const page = new DevtoolsSession(pipe, sessionId);
    const workers = new Map<string, DevtoolsSession>();
    page.on('Target.attachedToTarget', (params) => {
      const id = params.sessionId as string;
      workers.set(id, new DevtoolsSession(pipe, id));
    });
    page.on('Target.detachedFromTarget', (params) => workers.delete(params.sessionId as string));
    // The page's own size, as the benchmark had it with Playwright (a headless window's page is
    // shorter than the window).
    await page.send('Emulation.setDeviceMetricsOverride', {
      width: 1280,
      height: 800,
      deviceScaleFactor: 1,
      mobile: false,
    });
    // The Page domain must be on for a script to run in each new document.
    await page.send('Page.enable');
    await page.send('Page.addScriptToEvaluateOnNewDocument', { source: initScript });
    await page.send('Target.setAutoAttach', {
      autoAttach: true,
      waitForDebuggerOnStart: false,
      flatten: true,
    });
    return { page, workers, close: () => closeBrowser(browser, child) };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

async function firstPage(browser: DevtoolsSession): Promise<string> {
  // The tab opened with about:blank may not be listed at once after start.
  for (let tries = 0; tries < 100; tries++) {
    const { targetInfos } = await browser.send<{
      targetInfos: { targetId: string; type: string }[];
    }>('Target.getTargets');
    const page = targetInfos.find((t) => t.type === 'page');
    if (page) return page.targetId;
    await sleep(50);
  }
  throw new Error('Chromium opened no page');
}

async function closeBrowser(browser: DevtoolsSession, child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Browser.close lets the profile be written out (IndexedDB, caches) for the next launch.
  await browser.send('Browser.close').catch(() => undefined);
  const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(killer);
}
