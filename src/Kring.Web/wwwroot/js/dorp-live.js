// Live key figures on the village page (/Dorp). The page works without this script: it then shows the figures as they
// were when it loaded. With it, the figures follow the server's event stream (text/event-stream) without reloading.
// The stream hides counts below 5 ("<5"); a number under 5 already on the page is kept, since it is still right
// within that band, and a larger number that drops below 5 becomes "minder dan 5".
(function () {
  'use strict';
  var root = document.querySelector('[data-live-url]');
  if (!root || typeof window.EventSource !== 'function') return;

  var suppressedText = root.getAttribute('data-suppressed-text') || '<5';
  var updatedText = root.getAttribute('data-updated-text') || '';
  var status = root.querySelector('[data-live-status]');
  var language = document.documentElement.lang || 'nl';

  function show(element, value) {
    if (typeof value === 'number') {
      var text = value.toLocaleString(language);
      if (element.textContent === text) return false;
      element.textContent = text;
      element.setAttribute('data-value', String(value));
      return true;
    }
    var shown = parseInt(element.getAttribute('data-value') || '', 10);
    if (!isNaN(shown) && shown < 5) return false;
    if (element.textContent === suppressedText) return false;
    element.textContent = suppressedText;
    element.setAttribute('data-value', '');
    return true;
  }

  var source = new EventSource(root.getAttribute('data-live-url'));
  source.addEventListener('overview', function (event) {
    var data;
    try { data = JSON.parse(event.data); } catch (e) { return; }
    var counts = (data && data.counts) || {};
    var changed = false;
    Object.keys(counts).forEach(function (key) {
      var element = root.querySelector('[data-count="' + key + '"]');
      if (element && show(element, counts[key])) changed = true;
    });
    root.setAttribute('data-live', 'connected');
    if (changed && status && updatedText) {
      var at = data.at ? new Date(data.at) : new Date();
      status.textContent = updatedText + ' ' + at.toLocaleTimeString(language, { timeZone: 'Europe/Amsterdam' }) + '.';
    }
  });
  source.addEventListener('error', function () {
    // EventSource reconnects by itself; the figures stay as they are meanwhile.
    root.setAttribute('data-live', 'reconnecting');
  });
  window.addEventListener('pagehide', function () { source.close(); });
})();
