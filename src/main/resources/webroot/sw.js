// Service worker of the enumerator client: the app shell and the questionnaires open with no network.
// The server names every file by its content (/app.js?v=…), so this file changes, and the phone
// fetches the shell again, exactly when a shell file does; a file whose name is in the cache is
// never fetched again. The cache is named after the list, and older caches are deleted.

const SHELL = [
  '/',
  '/app.js',
  '/common.js',
  '/format.js',
  '/formlogic.js',
  '/expr.js',
  '/style.css',
  '/manifest.webmanifest',
  '/icon.svg',
  '/icon-192.png',
  '/icon-512.png',
];
const VERSION = 'tonle-shell-' + checksum(SHELL.join(' '));
const FORMS_CACHE = 'tonle-forms';

function checksum(text) {
  let h = 5381;
  for (let i = 0; i < text.length; i++) {
    h = ((h * 33) ^ text.charCodeAt(i)) >>> 0;
  }
  return h.toString(36);
}

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
  } else if (request.mode === 'navigate' && (url.pathname === '/' || url.pathname === '/index.html')) {
    event.respondWith(page(event));
  } else if (url.pathname !== '/' && SHELL.includes(url.pathname + url.search)) {
    event.respondWith(versioned(request));
  }
});

/** The server's copy when it answers (kept for later), else the last one seen. */
async function networkFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (e) {
    const cached = await cache.match(request, { ignoreVary: true });
    if (cached) {
      return cached;
    }
    throw e;
  }
}

/** The app's page: the cached copy at once, revalidated in the background for the next visit. */
async function page(event) {
  const cache = await caches.open(VERSION);
  const cached = await cache.match('/', { ignoreVary: true });
  const refresh = fetch('/', { cache: 'no-cache' })
    .then((response) => (response.ok ? cache.put('/', response.clone()).then(() => response) : response));
  if (cached) {
    event.waitUntil(refresh.catch(() => {}));
    return cached;
  }
  return refresh;
}

/** A file named by its content: the cached copy if there is one, since it cannot have changed. */
async function versioned(request) {
  const cache = await caches.open(VERSION);
  const cached = await cache.match(request, { ignoreVary: true });
  if (cached) {
    return cached;
  }
  const response = await fetch(request);
  if (response.ok) {
    await cache.put(request, response.clone());
  }
  return response;
}
