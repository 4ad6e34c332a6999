// Kring's service worker: it makes Kring installable on a phone and keeps the static shell at hand, that is the style
// sheets, the scripts, the icons and the manifest, and nothing else. It never caches HTML pages, API responses or
// anything else that may hold personal data: it does not intercept those requests at all (navigations, /api, forms),
// so they go to the network exactly as without a service worker, and no-store answers stay unstored.
'use strict';

var CACHE = 'kring-shell-v1';
var SHELL = /^\/(?:(?:css|js|icons)\/[\w.-]+\.(?:css|js|svg|png)|manifest\.webmanifest)$/;

self.addEventListener('install', function () {
  self.skipWaiting();
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name !== CACHE; }).map(function (name) {
      return caches.delete(name);
    }));
  }).then(function () {
    return self.clients.claim();
  }));
});

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET' || request.mode === 'navigate') return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || !SHELL.test(url.pathname)) return;
  event.respondWith(shell(request, url.searchParams.has('v')));
});

// A file whose address carries its version (?v=..., from asp-append-version) never changes, so a cached copy is used
// as it is. Any other shell file comes from the network first, and its cached copy serves only when that fails.
function shell(request, versioned) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request).then(function (cached) {
      if (cached && versioned) return cached;
      return fetch(request).then(function (response) {
        if (response.ok && response.type === 'basic') {
          keep(cache, request, response.clone()).catch(function () { /* not kept: the next request asks again */ });
        }
        return response;
      }, function (error) {
        if (cached) return cached;
        throw error;
      });
    });
  });
}

// One copy per file: a new version replaces the one before it.
function keep(cache, request, response) {
  var path = new URL(request.url).pathname;
  return cache.keys().then(function (kept) {
    return Promise.all(kept.filter(function (old) {
      return old.url !== request.url && new URL(old.url).pathname === path;
    }).map(function (old) {
      return cache.delete(old);
    }));
  }).then(function () {
    return cache.put(request, response);
  });
}
