// compare.js: the compare page's script (vergelijken/index.html).
//
// 1. Sortable tables: every table with `data-sortable` gets a button in each header that has
//    a `data-col`; the header carries `aria-sort`. Without this script the table is complete,
//    just in name order.
// 2. Regions side by side: pick 2–5 regions with the checkboxes; a bar chart (SVG, role="img",
//    with a one-sentence summary) and a table show them per theme next to the national mean.
//    The choice lives in the address (`#regio=a,b`) so it can be shared and restored.
//
// The figures come from data.js (window.SPIEGEL_COMPARE), loaded with <script src> because
// fetch() does not work from file://. Every figure arrives formatted, so the script prints
// exactly what the page's tables print. Content is only ever set with textContent.
(function () {
  'use strict';

  var SVG = 'http://www.w3.org/2000/svg';
  // Okabe–Ito: distinguishable with the common colour-vision deficiencies. Colour is never the
  // only cue: every bar is labelled with its region and value.
  var COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00'];
  var lang = document.documentElement.lang || 'nl';

  function el(name, attrs, text) {
    var node = document.createElement(name);
    setAttrs(node, attrs);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function svgEl(name, attrs, text) {
    var node = document.createElementNS(SVG, name);
    setAttrs(node, attrs);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function setAttrs(node, attrs) {
    Object.keys(attrs || {}).forEach(function (key) {
      node.setAttribute(key, attrs[key]);
    });
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  // ---- sortable tables ----

  function setupSorting() {
    Array.prototype.forEach.call(document.querySelectorAll('table[data-sortable]'), function (table) {
      var section = table.closest('section');
      var help = section && section.querySelector('.compare-sort-help');
      if (help) help.hidden = false;
      var headers = table.querySelectorAll('thead th[data-col]');
      Array.prototype.forEach.call(headers, function (th) {
        var button = el('button', { type: 'button', 'class': 'sort-button' });
        while (th.firstChild) button.appendChild(th.firstChild);
        if (th.dataset.label) {
          button.appendChild(el('span', { 'class': 'visually-hidden' }, ' ' + th.dataset.label));
        }
        button.appendChild(el('span', { 'class': 'sort-icon', 'aria-hidden': 'true' }));
        th.appendChild(button);
        button.addEventListener('click', function () {
          sortTable(table, th, headers);
        });
      });
    });
  }

  function sortTable(table, th, headers) {
    var direction = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
    Array.prototype.forEach.call(headers, function (h) {
      h.removeAttribute('aria-sort');
    });
    th.setAttribute('aria-sort', direction);
    var col = Number(th.dataset.col);
    var asText = th.dataset.type === 'text';
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var name = function (row) {
      return row.cells[0].dataset.sort || '';
    };
    rows.sort(function (a, b) {
      var av = a.cells[col].dataset.sort || '';
      var bv = b.cells[col].dataset.sort || '';
      // Rows without a figure go last in both directions: "geen antwoord" is not a low score.
      if (av === '' || bv === '') {
        if (av === bv) return name(a).localeCompare(name(b), lang);
        return av === '' ? 1 : -1;
      }
      var c = asText ? av.localeCompare(bv, lang) : Number(av) - Number(bv);
      if (direction === 'descending') c = -c;
      return c || name(a).localeCompare(name(b), lang);
    });
    rows.forEach(function (row) {
      body.appendChild(row);
    });
  }

  setupSorting();

  // ---- regions side by side ----

  var data = window.SPIEGEL_COMPARE;
  var form = document.getElementById('compare-form');
  var section = document.getElementById('compare-pick');
  var output = document.getElementById('compare-output');
  var status = document.getElementById('compare-status');
  if (!data || !form || !section || !output) return;
  section.hidden = false;
  var t = data.strings;
  var max = data.max;
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="regio"]'));
  var regions = {};
  data.regions.forEach(function (r) {
    regions[r.slug] = r;
  });

  function selected() {
    return boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
  }

  function fromAddress() {
    var match = /(?:^#|&)regio=([^&]*)/.exec(window.location.hash);
    if (!match) return [];
    var seen = {};
    var slugs = [];
    decodeURIComponent(match[1]).split(',').forEach(function (slug) {
      if (regions[slug] && !seen[slug] && slugs.length < max) {
        seen[slug] = true;
        slugs.push(slug);
      }
    });
    return slugs;
  }

  function toAddress(slugs) {
    var hash = slugs.length ? '#regio=' + slugs.map(encodeURIComponent).join(',') : '';
    if (window.location.hash === hash) return;
    try {
      // replaceState: ticking boxes should not fill the back button's history.
      window.history.replaceState(null, '', hash || window.location.pathname + window.location.search);
    } catch (e) {
      window.location.hash = hash;
    }
  }

  function update(writeAddress) {
    var slugs = selected();
    boxes.forEach(function (b) {
      b.disabled = !b.checked && slugs.length >= max;
    });
    var message = fill(t.compare_picked, { n: slugs.length, max: max });
    if (slugs.length < 2) message += ' ' + t.compare_pick_more;
    status.textContent = message;
    if (writeAddress) toAddress(slugs);
    draw(slugs);
  }

  function restore() {
    var slugs = fromAddress();
    boxes.forEach(function (b) {
      b.checked = slugs.indexOf(b.value) >= 0;
    });
    update(false);
  }

  form.addEventListener('change', function () { update(true); });
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  window.addEventListener('hashchange', restore);
  var lastWidth = output.clientWidth;
  window.addEventListener('resize', function () {
    if (Math.abs(output.clientWidth - lastWidth) > 40) {
      lastWidth = output.clientWidth;
      draw(selected());
    }
  });
  restore();

  function draw(slugs) {
    output.textContent = '';
    if (slugs.length < 2) return;
    data.questionnaires.forEach(function (q, qi) {
      var present = slugs.filter(function (s) { return q.regions[s]; });
      if (present.length === 0) return;
      var id = 'naast-' + qi;
      var part = el('section', { 'class': 'side-by-side', 'aria-labelledby': id });
      var heading = t.compare_chart_title + (data.questionnaires.length > 1 ? ' · ' + q.title : '');
      part.appendChild(el('h3', { id: id }, heading));
      var summary = summarise(q, present);
      part.appendChild(el('p', { 'class': 'chart-summary' }, summary));
      part.appendChild(chart(q, present, heading, summary, id));
      part.appendChild(table(q, present));
      output.appendChild(part);
    });
  }

  function summarise(q, slugs) {
    var best = null;
    q.themes.forEach(function (theme, i) {
      var figures = slugs
        .map(function (s) { return { slug: s, f: q.regions[s].means[i] }; })
        .filter(function (x) { return x.f; });
      if (figures.length < 2) return;
      var low = figures[0];
      var high = figures[0];
      figures.forEach(function (x) {
        if (x.f.v < low.f.v) low = x;
        if (x.f.v > high.f.v) high = x;
      });
      var diff = high.f.v - low.f.v;
      if (!best || diff > best.diff) best = { diff: diff, theme: theme, low: low, high: high };
    });
    if (!best) return t.compare_chart_summary_empty;
    return fill(t.compare_chart_summary, {
      theme: best.theme.title,
      low: best.low.f.t,
      low_region: regions[best.low.slug].name,
      high: best.high.f.t,
      high_region: regions[best.high.slug].name
    });
  }

  function shorten(text, chars) {
    return text.length > chars ? text.slice(0, Math.max(1, chars - 1)) + '…' : text;
  }

  function wrapWords(text, chars) {
    var lines = [];
    var line = '';
    text.split(/\s+/).forEach(function (word) {
      if (line && (line + ' ' + word).length > chars) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + ' ' + word : word;
      }
    });
    if (line) lines.push(line);
    return lines;
  }

  function chart(q, slugs, heading, summary, id) {
    var width = Math.max(300, Math.min(900, output.clientWidth || 640));
    var font = 13;
    // A generous average glyph width, so shortened labels never run past the left edge.
    var charW = font * 0.66;
    var labelW = Math.min(190, Math.round(width * 0.34));
    var valueW = 36;
    var x0 = labelW + 8;
    var plotW = width - x0 - valueW;
    var barH = 16;
    var gap = 4;
    var span = q.max - q.min;
    var xOf = function (v) { return x0 + ((v - q.min) / span) * plotW; };
    var series = slugs.map(function (s, i) {
      return { name: regions[s].name, colour: COLOURS[i % COLOURS.length], figures: q.regions[s].means };
    });
    series.push({ name: t.compare_national, colour: 'url(#' + id + '-hatch)', figures: q.national, national: true });

    var svg = svgEl('svg', { role: 'img', 'aria-labelledby': id + '-title ' + id + '-desc', 'class': 'compare-chart', width: width });
    svg.appendChild(svgEl('title', { id: id + '-title' }, heading));
    svg.appendChild(svgEl('desc', { id: id + '-desc' }, summary));
    var defs = svgEl('defs');
    var pattern = svgEl('pattern', { id: id + '-hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
    pattern.appendChild(svgEl('rect', { width: 6, height: 6, fill: '#e4e7eb' }));
    pattern.appendChild(svgEl('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#52606d', 'stroke-width': 3 }));
    defs.appendChild(pattern);
    svg.appendChild(defs);

    var body = svgEl('g');
    var y = 4;
    q.themes.forEach(function (theme, ti) {
      wrapWords(theme.title, Math.floor(width / (charW + 0.6))).forEach(function (line) {
        y += font + 4;
        body.appendChild(svgEl('text', { x: 0, y: y, 'class': 'theme-label' }, line));
      });
      y += 6;
      series.forEach(function (s) {
        var f = s.figures[ti];
        var mid = y + barH / 2;
        body.appendChild(svgEl('text', { x: labelW, y: mid + font * 0.35, 'text-anchor': 'end', 'class': s.national ? 'series-label national' : 'series-label' }, shorten(s.name, Math.floor(labelW / charW))));
        if (f) {
          var w = Math.max(1, xOf(f.v) - x0);
          body.appendChild(svgEl('rect', { x: x0, y: y, width: w, height: barH, fill: s.colour, stroke: '#1f2933', 'stroke-width': 0.5 }));
          body.appendChild(svgEl('text', { x: x0 + w + 4, y: mid + font * 0.35, 'class': 'value' }, f.t));
        } else {
          body.appendChild(svgEl('text', { x: x0 + 4, y: mid + font * 0.35, 'class': 'value missing' }, t.compare_no_figure));
        }
        y += barH + gap;
      });
      y += 8;
    });
    var bottom = y;
    var axis = svgEl('g', { 'class': 'axis' });
    for (var v = Math.ceil(q.min); v <= q.max; v += 1) {
      axis.appendChild(svgEl('line', { x1: xOf(v), x2: xOf(v), y1: 4, y2: bottom, stroke: '#d9e2ec' }));
      axis.appendChild(svgEl('text', { x: xOf(v), y: bottom + font + 2, 'text-anchor': 'middle' }, String(v)));
    }
    svg.appendChild(axis);
    svg.appendChild(body);
    var height = bottom + font + 8;
    svg.setAttribute('height', height);
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    return svg;
  }

  function table(q, slugs) {
    var wrap = el('div', { 'class': 'table-scroll', tabindex: '0' });
    var tableEl = el('table', { 'class': 'side-table' });
    tableEl.appendChild(el('caption', {}, t.compare_side_caption + ' ' + q.scale + '.'));
    var head = el('thead');
    var headRow = el('tr');
    headRow.appendChild(el('th', { scope: 'col' }, t.theme));
    slugs.forEach(function (s) {
      var th = el('th', { scope: 'col', 'class': 'num' });
      th.appendChild(el('a', { href: regions[s].href }, regions[s].name));
      headRow.appendChild(th);
    });
    headRow.appendChild(el('th', { scope: 'col', 'class': 'num' }, t.compare_national));
    head.appendChild(headRow);
    tableEl.appendChild(head);
    var body = el('tbody');
    q.themes.forEach(function (theme, i) {
      var row = el('tr');
      var th = el('th', { scope: 'row' });
      th.appendChild(el('a', { href: theme.href }, theme.title));
      row.appendChild(th);
      slugs.forEach(function (s) {
        var mean = q.regions[s].means[i];
        var spread = q.regions[s].spreads[i];
        var td = el('td', { 'class': mean ? 'num' : 'num empty' }, mean ? mean.t : t.compare_no_figure);
        if (spread) {
          td.appendChild(el('br'));
          td.appendChild(el('span', { 'class': 'meta' }, t.spread.toLowerCase() + ' ' + spread.t));
        }
        row.appendChild(td);
      });
      var national = q.national[i];
      row.appendChild(el('td', { 'class': 'num' }, national ? national.t : '–'));
      body.appendChild(row);
    });
    tableEl.appendChild(body);
    wrap.appendChild(tableEl);
    return wrap;
  }
})();
