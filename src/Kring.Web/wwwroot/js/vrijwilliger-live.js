// New offers on the volunteer's page (/Vrijwilliger) without reloading. The page works without this script: it then
// shows the offers as they were when it loaded. With it, the page follows the server's event stream of pending offer
// ids; when they change, it fetches the page again and swaps in its list of offers, leaving the rest (and any form the
// volunteer is filling in below it) alone.
(function () {
  'use strict';
  var root = document.querySelector('[data-offers-live-url]');
  if (!root || typeof window.EventSource !== 'function' || typeof window.fetch !== 'function') return;
  var status = document.querySelector('[data-offers-status]');

  function refresh(ids) {
    fetch(window.location.pathname, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-offers-live-url]');
        if (!fresh) return;
        root.innerHTML = fresh.innerHTML;
        root.setAttribute('data-offers', ids);
        if (status) status.textContent = root.getAttribute('data-updated-text') || '';
      })
      .catch(function () { /* the next event tries again */ });
  }

  var source = new EventSource(root.getAttribute('data-offers-live-url'));
  source.addEventListener('offers', function (event) {
    var ids;
    try { ids = JSON.parse(event.data).join(','); } catch (e) { return; }
    if (ids !== root.getAttribute('data-offers')) refresh(ids);
  });
})();
