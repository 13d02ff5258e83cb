/// <reference lib="webworker" />
/**
 * The app-shell service worker: keeps the whole build (HTML, scripts, the h5wasm binary) in
 * Cache Storage so the app starts with the network off, and a file whose blocks are in the
 * persistent block cache opens as before. What it does with each request: appShellPlan.ts.
 *
 * Built as sw.js at the root of the app by scripts/vite-app-shell.ts, which prepends the
 * manifest (`self.__APP_SHELL__`). Responses keep their headers, COOP/COEP included, so a page
 * started offline is still cross-origin isolated.
 */
import {
  cacheNameOf,
  shellKeyOf,
  handlingOf,
  installUrlsOf,
  shellUrlsOf,
  staleCaches,
  STATIC_ROUTES,
  type AppShellManifest,
  type StaticRoute,
} from './appShellPlan';

declare const self: ServiceWorkerGlobalScope & { __APP_SHELL__: AppShellManifest };

/** Chromium 123+ has static routing; TypeScript's lib does not know it yet. */
type RoutingInstallEvent = ExtendableEvent & {
  addRoutes?: (rules: readonly StaticRoute[]) => Promise<void>;
};

const manifest = self.__APP_SHELL__;
const scope = self.registration.scope;
const cacheName = cacheNameOf(manifest);
const shellUrls = shellUrlsOf(manifest, scope);
const indexUrl = new URL('index.html', scope).href;

self.addEventListener('install', (event: RoutingInstallEvent) => {
  // Called while the event is dispatched, as the API requires. A browser without it (or one that
  // refuses a rule) keeps the fetch handler for everything, as before.
  const routed = event.addRoutes?.(STATIC_ROUTES).catch((error: unknown) => {
    console.warn('Static routes not added; the service worker answers every request:', error);
  });
  event.waitUntil(
    (async () => {
      await routed;
      const cache = await caches.open(cacheName);
      // 'reload': straight from the server, never a stale copy from the HTTP cache.
      const urls = installUrlsOf(manifest, scope);
      await cache.addAll(urls.map((url) => new Request(url, { cache: 'reload' })));
      // A new version takes over at once; pages already open keep the files they loaded.
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      await Promise.all(staleCaches(await caches.keys(), manifest).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const handling = handlingOf(
    {
      url: request.url,
      method: request.method,
      mode: request.mode,
      range: request.headers.get('range'),
    },
    scope,
    shellUrls,
  );
  if (handling === 'navigation') event.respondWith(networkFirst(request));
  else if (handling === 'shell-file') event.respondWith(cacheFirst(request));
});

async function networkFirst(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await caches.match(indexUrl, { cacheName });
    if (cached) return cached;
    throw error;
  }
}

/** This version's cache, opened once per start of the service worker. */
let shellCache: Promise<Cache> | null = null;
const openShellCache = () => (shellCache ??= caches.open(cacheName));

/**
 * A build file from the browser's HTTP cache if it is there (build files are content-hashed and
 * immutable, so any copy is right), else from this version's cache, else from the network. The
 * HTTP cache first because it is the fast one: on a return visit just after the browser started,
 * Cache Storage took 0.1-0.2 s per script (the entry script, then the file view's chunk, one after
 * the other), the HTTP cache a few milliseconds. `only-if-cached` never waits for the network, so
 * an app offline or on a stalled network still starts from Cache Storage at once.
 */
async function cacheFirst(request: Request): Promise<Response> {
  const key = shellKeyOf(request.url);
  const fromHttpCache = await fetch(
    new Request(key, { cache: 'only-if-cached', mode: 'same-origin' }),
  ).catch(() => null);
  if (fromHttpCache?.ok) return fromHttpCache;
  // Looked up by its exact address, as it was stored: `ignoreSearch` makes the browser read every
  // entry of the cache to compare addresses.
  const cache = await openShellCache();
  const cached = await cache.match(key);
  if (cached) return cached;
  const response = await fetch(request);
  // A file cached on demand (too large for the install step) is kept once it has been used.
  if (response.status === 200) void cache.put(key, response.clone());
  return response;
}
