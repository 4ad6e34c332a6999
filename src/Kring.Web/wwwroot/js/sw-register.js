// Registers the service worker (/sw.js) that makes Kring installable on a phone. Every page works without it.
(function () {
  'use strict';
  if (!('serviceWorker' in navigator)) return;
  window.addEventListener('load', function () {
    navigator.serviceWorker.register('/sw.js').catch(function () {
      // Without a service worker Kring is still the same web site; there is nothing to tell the user.
    });
  });
})();
