// Service worker of the enumerator client: the app shell and the questionnaires open with no network.
// Change VERSION whenever the list of shell files changes.

const VERSION = 'tonle-shell-1';
const FORMS_CACHE = 'tonle-forms';
const SHELL = [
  '/',
  '/index.html',
  '/app.js',
  '/common.js',
  '/formlogic.js',
  '/expr.js',
  '/style.css',
  '/manifest.webmanifest',
  '/icon.svg',
  '/icon-192.png',
  '/icon-512.png',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys
      .filter((key) => key.startsWith('tonle-shell-') && key !== VERSION)
      .map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) {
    return;
  }
  if (/^\/api\/v1\/forms\/[^/]+$/.test(url.pathname)) {
    event.respondWith(networkFirst(request, FORMS_CACHE));
  } else if (SHELL.includes(url.pathname)) {
    event.respondWith(shellFile(event));
  }
});

/** The enumerator app gets its shell from the cache at once; other pages (poll, dashboard) get the server's copy. */
async function shellFile(event) {
  const client = event.clientId ? await self.clients.get(event.clientId) : null;
  const page = client ? new URL(client.url).pathname : '/';
  if (event.request.mode === 'navigate' || page === '/' || page === '/index.html') {
    return cacheFirst(event.request, event);
  }
  return networkFirst(event.request, VERSION);
}

/** The server's copy when it answers (kept for later), else the last one seen. */
async function networkFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  const key = cacheName === VERSION ? new URL(request.url).pathname : request;
  try {
    const response = await fetch(request);
    if (response.ok) {
      await cache.put(key, response.clone());
    }
    return response;
  } catch (e) {
    const cached = await cache.match(key, { ignoreVary: true });
    if (cached) {
      return cached;
    }
    throw e;
  }
}

/** A shell file: the cached copy at once, refreshed in the background for the next visit. */
async function cacheFirst(request, event) {
  const cache = await caches.open(VERSION);
  const key = new URL(request.url).pathname;
  const cached = await cache.match(key, { ignoreSearch: true, ignoreVary: true });
  const refresh = fetch(key, { cache: 'no-cache' })
    .then((response) => (response.ok ? cache.put(key, response.clone()).then(() => response) : response));
  if (cached) {
    event.waitUntil(refresh.catch(() => {}));
    return cached;
  }
  return refresh;
}
