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
  handlingOf,
  installUrlsOf,
  shellUrlsOf,
  staleCaches,
  type AppShellManifest,
} from './appShellPlan';

declare const self: ServiceWorkerGlobalScope & { __APP_SHELL__: AppShellManifest };

const manifest = self.__APP_SHELL__;
const scope = self.registration.scope;
const cacheName = cacheNameOf(manifest);
const shellUrls = shellUrlsOf(manifest, scope);
const indexUrl = new URL('index.html', scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
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

async function cacheFirst(request: Request): Promise<Response> {
  const cached = await caches.match(request, { cacheName, ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  // A file cached on demand (too large for the install step) is kept once it has been used.
  if (response.status === 200) {
    const copy = response.clone();
    void caches.open(cacheName).then((cache) => cache.put(request, copy));
  }
  return response;
}
