// spiegel: filter the good practices in place (issue 4).
// Progressive enhancement: without JavaScript the form stays hidden and the by-theme and
// by-region lists on the same page do the job through anchors.
(function () {
  'use strict';
  var form = document.getElementById('praktijk-filter');
  if (!form) return;
  var cards = Array.prototype.slice.call(document.querySelectorAll('#per-status li[data-status]'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('#per-status .practice-group'));
  var status = document.getElementById('filter-status');
  var empty = document.querySelector('#per-status .filter-empty');
  var template = form.getAttribute('data-count') || '{n}/{total}';
  // The by-theme and by-region lists further down name the same practices: they follow the
  // filter too, matched to the cards by the address they link to.
  var listed = Array.prototype.slice.call(document.querySelectorAll('.link-groups .columns li'));
  var listGroups = Array.prototype.slice.call(document.querySelectorAll('.link-groups .columns > div'));
  function address(li) {
    var a = li.querySelector('a');
    return a ? a.getAttribute('href') : '';
  }

  function hasWord(list, word) {
    return (' ' + (list || '') + ' ').indexOf(' ' + word + ' ') >= 0;
  }

  function apply() {
    var theme = form.elements.thema.value;
    var st = form.elements.status.value;
    var region = form.elements.regio.value;
    var shown = 0;
    cards.forEach(function (li) {
      var ok = (!theme || hasWord(li.getAttribute('data-themes'), theme)) &&
        (!st || li.getAttribute('data-status') === st) &&
        (!region || li.getAttribute('data-region') === region);
      li.hidden = !ok;
      if (ok) shown += 1;
    });
    groups.forEach(function (g) {
      g.hidden = !g.querySelector('li[data-status]:not([hidden])');
    });
    var kept = {};
    cards.forEach(function (li) { if (!li.hidden) kept[address(li)] = true; });
    listed.forEach(function (li) { li.hidden = !kept[address(li)]; });
    listGroups.forEach(function (g) { g.hidden = !g.querySelector('li:not([hidden])'); });
    if (empty) empty.hidden = shown > 0;
    status.textContent = template.replace('{n}', String(shown)).replace('{total}', String(cards.length));
  }

  form.hidden = false;
  form.addEventListener('change', apply);
  // The reset event fires before the controls are reset; filter once they are.
  form.addEventListener('reset', function () { window.setTimeout(apply, 0); });
  form.addEventListener('submit', function (e) { e.preventDefault(); apply(); });
  apply();
  // Back to this page, the browser may put the selects' earlier values back after this
  // script ran (from file:// even with the back-forward cache): filter by what they show.
  window.addEventListener('load', apply);
  window.addEventListener('pageshow', apply);
})();
