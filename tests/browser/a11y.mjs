// Accessibility and offline check of a built site, in headless Chromium (Debian's
// /usr/bin/chromium driven by playwright-core), with axe-core:
//
//   node a11y.mjs OUTPUT_DIR [--per-type N]
//
// Every .html file under OUTPUT_DIR is found by walking the folder, so pages added later are
// covered without changing this script. With --per-type N only the first N pages of each
// page type (the path with its slug folders replaced by *) are opened, for big fixture sites.
// Each page is opened from file:// and must have:
//   - 0 serious or critical axe-core violations (WCAG 2.x A/AA rules and best practices);
//   - no request to anything but file: (or data:/blob: the page makes itself);
//   - <html lang> set; one h1 and headings that never skip a level;
//   - a skip link as the first focusable element, pointing at an element that exists;
//   - a <main> landmark; every <table> with header cells, and a <caption> unless it comes from
//     an editor's Markdown (.prose), which has no syntax for one;
//   - every <svg> chart either aria-hidden or role="img" with a <title> (text alternative).
// On one page per run, Tab must land on the skip link and show a visible focus outline.
// Prints a summary line "a11y: N pages, V violations, R off-host requests" and exits 1 on any
// problem, listing each.
import { readdirSync, statSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const args = process.argv.slice(2);
const dir = args[0];
if (!dir) {
  console.error('usage: node a11y.mjs OUTPUT_DIR [--per-type N]');
  process.exit(2);
}
const perTypeAt = args.indexOf('--per-type');
const perType = perTypeAt >= 0 ? Number(args[perTypeAt + 1]) : Infinity;

function walk(d) {
  return readdirSync(d)
    .sort()
    .flatMap((name) => {
      const p = join(d, name);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
}

// The page type: the path with every folder between the section and index.html replaced by *.
function pageType(rel) {
  const parts = rel.split(sep);
  if (parts.length <= 2) return rel;
  return [parts[0], ...parts.slice(1, -1).map(() => '*'), parts[parts.length - 1]].join('/');
}

const all = walk(dir).filter((p) => p.endsWith('.html'));
const counts = new Map();
const pages = all.filter((p) => {
  const type = pageType(relative(dir, p));
  const n = (counts.get(type) ?? 0) + 1;
  counts.set(type, n);
  return n <= perType;
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});
const context = await browser.newContext();
const problems = [];
let offHost = 0;
let violations = 0;
let requests = 0;
context.on('request', (request) => {
  requests += 1;
  const url = request.url();
  if (!/^(file:|data:|blob:|about:)/.test(url)) {
    offHost += 1;
    problems.push(`request to another host: ${url} (from ${request.frame()?.url() ?? '?'})`);
  }
});
// Nothing leaves the machine even if a page tried: any non-file request is aborted.
await context.route(/^(?!file:|data:|blob:|about:)/, (route) => route.abort());

const structure = () => {
  const out = [];
  const lang = document.documentElement.getAttribute('lang');
  if (!lang || !/^(nl|en)\b/.test(lang)) out.push(`<html lang> is ${JSON.stringify(lang)}`);
  const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter(
    (h) => !h.closest('[hidden], [aria-hidden="true"]'),
  );
  const h1s = headings.filter((h) => h.tagName === 'H1').length;
  if (h1s !== 1) out.push(`${h1s} h1 elements`);
  let previous = 0;
  for (const h of headings) {
    const level = Number(h.tagName[1]);
    if (level > previous + 1) {
      out.push(`heading level skipped: h${previous || '-'} → h${level} "${h.textContent.trim().slice(0, 60)}"`);
    }
    previous = level;
  }
  const focusable = document.querySelector('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])');
  const skip = focusable?.getAttribute('href') ?? '';
  if (!skip.startsWith('#') || !document.getElementById(skip.slice(1))) {
    out.push(`first focusable element is not a working skip link (${focusable?.outerHTML.slice(0, 80)})`);
  }
  if (document.querySelectorAll('main').length !== 1) out.push('not exactly one <main>');
  for (const table of document.querySelectorAll('table')) {
    // Tables from an editor's Markdown (inside .prose) cannot carry a caption in Markdown;
    // they still get header cells. Tables the theme makes need both.
    if (!table.closest('.prose') && !table.querySelector(':scope > caption')?.textContent.trim()) {
      out.push(`table without a caption: ${table.outerHTML.slice(0, 80)}`);
    }
    if (!table.querySelector('th')) out.push(`table without header cells: ${table.outerHTML.slice(0, 80)}`);
  }
  for (const svg of document.querySelectorAll('svg')) {
    if (svg.closest('[aria-hidden="true"]')) continue;
    if (svg.parentElement?.closest('svg')) continue;
    const named = svg.getAttribute('role') === 'img'
      && (svg.querySelector(':scope > title')?.textContent.trim() || svg.getAttribute('aria-label') || svg.getAttribute('aria-labelledby'));
    if (!named) out.push(`chart without a text alternative: ${svg.outerHTML.slice(0, 80)}`);
  }
  return out;
};

let checkedFocus = false;
for (const file of pages) {
  const rel = relative(dir, file);
  const page = await context.newPage();
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  for (const p of await page.evaluate(structure)) problems.push(`${rel}: ${p}`);
  if (!checkedFocus) {
    checkedFocus = true;
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return {
        skip: el.classList.contains('skip'),
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        onScreen: box.left >= 0 && box.top >= 0 && box.width > 0,
      };
    });
    if (!focus.skip || !focus.outline || !focus.onScreen) {
      problems.push(`${rel}: Tab does not show the skip link with a visible focus outline (${JSON.stringify(focus)})`);
    }
  }
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  for (const v of result.violations) {
    if (v.impact !== 'serious' && v.impact !== 'critical') continue;
    violations += 1;
    problems.push(`${rel}: axe ${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  }
  await page.close();
}
await browser.close();

const types = new Set(pages.map((p) => pageType(relative(dir, p))));
console.log(`a11y: ${pages.length} pages (${types.size} page types) of ${all.length}, ${violations} serious/critical axe violations, ${offHost} off-host requests of ${requests}, ${problems.length} problems`);
for (const p of problems) console.log(`  ${p}`);
process.exit(problems.length ? 1 : 0);
