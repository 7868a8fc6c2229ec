// spiegel: offline search over the index in zoeken/zoekindex.js (issue 4).
//
// The index is loaded with a <script> tag (window.SPIEGEL_SEARCH), never fetch(), so this works
// from file:// and from any sub-path. Matching is Dutch-aware: case and accents are folded the
// same way as spiegel's Rust `slug::fold` (lower-case, NFD, combining marks dropped), every query
// word matches the start of a word (prefix matching as you type), and common Dutch stop words are
// skipped unless the query has nothing else. Every result is built with textContent: nothing from
// the content is ever parsed as HTML.
(function () {
  'use strict';
  var form = document.getElementById('zoeken');
  var input = document.getElementById('q');
  var status = document.getElementById('zoek-status');
  var list = document.getElementById('zoek-resultaten');
  if (!form || !input || !status || !list) return;

  var MAX_RESULTS = 50;
  var SNIPPET_CHARS = 180;
  var STOP = {};
  ('aan al alle als bij dan dat de den der des deze die dit door dus een en er haar had heb ' +
    'hebben heeft hem het hier hij hoe hun ik in is je kan kon maar me meer men met mij mijn na ' +
    'naar niet nog nu of om omdat ons ook op over te ten ter toen tot u uit van veel voor want ' +
    'was wat we wel werd wie wij wordt zal ze zei zich zij zijn zo zoals zonder').split(' ')
    .forEach(function (w) { STOP[w] = true; });
  var WORD_CHAR = /[\p{L}\p{N}]/u;

  function msg(key) { return form.getAttribute('data-' + key) || ''; }

  // The site root, from this script's own src (".../assets/search.js"), so result links work
  // wherever the site is mounted.
  var root = (function () {
    var el = document.currentScript;
    var src = el ? el.getAttribute('src') || '' : '';
    var at = src.lastIndexOf('assets/search.js');
    return at >= 0 ? src.slice(0, at) : '../';
  })();

  var data = window.SPIEGEL_SEARCH;
  if (!data || !data.docs) {
    status.textContent = msg('no-index');
    return;
  }

  function fold(s) {
    return s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  }

  // Folds `text` and says where each folded position came from. spiegel writes NFC text, whose
  // fold has the same length, so the map is almost always the identity (null); otherwise it is
  // built code point by code point.
  function folded(text) {
    var f = fold(text);
    if (f.length === text.length) return { f: f, map: null };
    var out = '';
    var map = [];
    for (var i = 0; i < text.length;) {
      var ch = String.fromCodePoint(text.codePointAt(i));
      var part = fold(ch);
      for (var k = 0; k < part.length; k += 1) map.push(i);
      out += part;
      i += ch.length;
    }
    map.push(text.length);
    return { f: out, map: map };
  }

  function orig(m, pos) { return m.map ? m.map[pos] : pos; }

  var docs = null;
  function prepare() {
    docs = data.docs.map(function (d, i) {
      return {
        i: i,
        title: d[0],
        kind: data.kinds[d[1]] || '',
        region: d[2],
        url: d[3],
        text: d[4],
        t: folded(d[0]),
        r: fold(d[2]),
        x: folded(d[4])
      };
    });
  }

  function terms(query) {
    var all = fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    var unique = [];
    all.forEach(function (t) { if (unique.indexOf(t) < 0) unique.push(t); });
    var kept = unique.filter(function (t) { return !STOP[t]; });
    // "een" alone must still find "één": only drop stop words when something else is left.
    return kept.length ? kept : unique;
  }

  // Position of the first occurrence of `term` at the start of a word in `hay`, from `from`.
  function findWord(hay, term, from) {
    var pos = hay.indexOf(term, from || 0);
    while (pos >= 0) {
      if (pos === 0 || !WORD_CHAR.test(hay.charAt(pos - 1))) return pos;
      pos = hay.indexOf(term, pos + 1);
    }
    return -1;
  }

  function match(d, ts) {
    var score = 0;
    var first = -1;
    for (var k = 0; k < ts.length; k += 1) {
      var t = ts[k];
      var inTitle = findWord(d.t.f, t) >= 0;
      var inRegion = findWord(d.r, t) >= 0;
      var at = findWord(d.x.f, t);
      if (!inTitle && !inRegion && at < 0) return null;
      if (inTitle) score += 10;
      if (inRegion) score += 2;
      if (at >= 0) {
        score += 1;
        if (first < 0 || at < first) first = at;
      }
    }
    return { score: score, at: first };
  }

  // Appends `text` (the part [start, end) of the original) to `parent`, with every word-start
  // match of a term wrapped in <mark>.
  function highlight(parent, text, m, start, end, ts) {
    var ranges = [];
    ts.forEach(function (t) {
      var pos = findWord(m.f, t, 0);
      while (pos >= 0) {
        var a = orig(m, pos);
        var b = orig(m, pos + t.length);
        if (a >= start && b <= end) ranges.push([a, b]);
        pos = findWord(m.f, t, pos + 1);
      }
    });
    ranges.sort(function (x, y) { return x[0] - y[0] || y[1] - x[1]; });
    var at = start;
    ranges.forEach(function (r) {
      if (r[0] < at) {
        if (r[1] > at) r = [at, r[1]]; else return;
      }
      if (r[0] > at) parent.appendChild(document.createTextNode(text.slice(at, r[0])));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(r[0], r[1]);
      parent.appendChild(mark);
      at = r[1];
    });
    if (at < end) parent.appendChild(document.createTextNode(text.slice(at, end)));
  }

  function snippet(parent, d, at, ts) {
    var text = d.text;
    if (!text) return;
    var center = at >= 0 ? orig(d.x, at) : 0;
    var start = Math.max(0, center - 60);
    if (start > 0) {
      var space = text.indexOf(' ', start);
      start = space >= 0 && space < center ? space + 1 : start;
    }
    var end = Math.min(text.length, start + SNIPPET_CHARS);
    if (end < text.length) {
      var back = text.lastIndexOf(' ', end);
      if (back > center) end = back;
    }
    if (start > 0) parent.appendChild(document.createTextNode('… '));
    highlight(parent, text, d.x, start, end, ts);
    if (end < text.length) parent.appendChild(document.createTextNode(' …'));
  }

  function item(hit, ts) {
    var d = hit.d;
    var li = document.createElement('li');
    var a = document.createElement('a');
    a.className = 'result-title';
    a.href = root + d.url;
    highlight(a, d.title, d.t, 0, d.title.length, ts);
    li.appendChild(a);
    var meta = document.createElement('span');
    meta.className = 'meta result-meta';
    meta.textContent = d.kind + (d.region ? ' · ' + d.region : '');
    li.appendChild(meta);
    var p = document.createElement('p');
    p.className = 'snippet';
    snippet(p, d, hit.at, ts);
    li.appendChild(p);
    return li;
  }

  // Runs a search and marks the list with the query it shows (tests and scripts can wait on it).
  function run(query) {
    show(query);
    list.setAttribute('data-query', query);
  }

  function show(query) {
    list.textContent = '';
    var ts = terms(query);
    if (!ts.length) {
      status.textContent = msg('prompt');
      return;
    }
    if (!docs) prepare();
    var hits = [];
    docs.forEach(function (d) {
      var r = match(d, ts);
      if (r) hits.push({ d: d, score: r.score, at: r.at });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.d.i - b.d.i; });
    if (!hits.length) {
      status.textContent = msg('none') + ' ‘' + query.trim() + '’.';
      return;
    }
    var text = hits.length === 1 ? msg('one') : msg('many').replace('{n}', String(hits.length));
    if (hits.length > MAX_RESULTS) text += '; ' + msg('shown').replace('{n}', String(MAX_RESULTS));
    status.textContent = text + '.';
    var frag = document.createDocumentFragment();
    hits.slice(0, MAX_RESULTS).forEach(function (h) { frag.appendChild(item(h, ts)); });
    list.appendChild(frag);
  }

  // Keep ?q= in the address so a search can be bookmarked or shared; some browsers refuse this
  // for file:// pages, which is harmless.
  function remember(query) {
    try {
      var url = new URL(window.location.href);
      if (query) url.searchParams.set('q', query); else url.searchParams.delete('q');
      window.history.replaceState(null, '', url.href);
    } catch (e) { /* not allowed here; the search still works */ }
  }

  var timer = 0;
  input.addEventListener('input', function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      run(input.value);
      remember(input.value);
    }, 60);
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    window.clearTimeout(timer);
    run(input.value);
    remember(input.value);
  });

  // Arrow keys move between the input and the result links; Enter opens a link as usual.
  function links() { return Array.prototype.slice.call(list.querySelectorAll('a.result-title')); }
  input.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown') {
      var all = links();
      if (all.length) { e.preventDefault(); all[0].focus(); }
    }
  });
  list.addEventListener('keydown', function (e) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (at < 0) return;
    if (e.key === 'ArrowDown' && at + 1 < all.length) { e.preventDefault(); all[at + 1].focus(); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); (at > 0 ? all[at - 1] : input).focus(); }
    else if (e.key === 'Home') { e.preventDefault(); all[0].focus(); }
    else if (e.key === 'End') { e.preventDefault(); all[all.length - 1].focus(); }
    else if (e.key === 'Escape') { e.preventDefault(); input.focus(); }
  });

  // Fold the index while the reader starts typing, so the first keystroke is as quick as the rest
  // (about 0.3 s for 10,000 notes).
  window.setTimeout(function () { if (!docs) prepare(); }, 0);

  var initial = new URLSearchParams(window.location.search).get('q') || '';
  input.value = initial;
  if (initial) run(initial); else status.textContent = msg('prompt');
  var header = document.getElementById('site-zoek');
  if (header && initial) header.value = initial;
  input.focus();
})();
