// Real-browser test of spiegel's offline search and practice filter (issue 4).
//
//   node tests/browser/search.mjs <base URL of a built example site>
//
// The base URL is file:///…/out/ or http://127.0.0.1:<port>/intranet/spiegel/ (the Rust test
// tests/browser_search.rs builds the site and serves it). Prints one line per check and exits 1
// on the first failure. Fails too if the page asks anything of another host.
import { chromium } from 'playwright-core';

const base = process.argv[2];
if (!base || !base.endsWith('/')) {
  console.error('usage: node search.mjs <base URL ending in />');
  process.exit(2);
}
const baseOrigin = base.startsWith('file:') ? 'file:' : new URL(base).origin;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

let failed = false;
function check(ok, what, detail) {
  console.log(`${ok ? 'ok' : 'FAIL'} - ${what}${ok || detail === undefined ? '' : `: ${detail}`}`);
  if (!ok) failed = true;
}

const foreign = [];
const errors = [];
function watch(page) {
  page.on('request', (r) => {
    const u = r.url();
    const sameSite = baseOrigin === 'file:' ? u.startsWith('file:') : u.startsWith(baseOrigin + '/');
    if (!sameSite && !u.startsWith('data:')) foreign.push(u);
  });
  page.on('pageerror', (e) => errors.push(String(e)));
}

async function results(page) {
  return page.$$eval('#zoek-resultaten > li', (lis) => lis.map((li) => ({
    title: li.querySelector('a.result-title').textContent,
    href: li.querySelector('a.result-title').getAttribute('href'),
    meta: li.querySelector('.result-meta').textContent,
    marks: Array.from(li.querySelectorAll('mark')).map((m) => m.textContent),
  })));
}

// Types like a person (one key at a time), then waits for the debounced search to settle.
async function search(page, text) {
  await page.fill('#q', '');
  await page.type('#q', text, { delay: 30 });
  await page.waitForFunction(
    (t) => document.getElementById('zoek-resultaten').getAttribute('data-query') === t, text);
  return results(page);
}

try {
  const context = await browser.newContext();
  const page = await context.newPage();
  watch(page);
  await page.goto(base + 'zoeken/index.html');

  // An accented word typed without its accents.
  let r = await search(page, 'orienterend');
  check(r.some((x) => x.title === 'Oriënterend gesprek REKO Haarlemmermeer'),
    '"orienterend" finds "Oriënterend gesprek REKO Haarlemmermeer"', JSON.stringify(r.map((x) => x.title)));
  check(r.some((x) => x.marks.includes('Oriënterend')), 'the accented match is highlighted as written',
    JSON.stringify(r.map((x) => x.marks)));
  check(r.some((x) => x.meta.includes('Notitie') && x.meta.includes('Haarlemmermeer')),
    'results show their kind and region', JSON.stringify(r.map((x) => x.meta)));

  // "een" finds "één" (a query of only stop words still searches).
  r = await search(page, 'een');
  check(r.some((x) => x.marks.includes('Eén') || x.marks.includes('één')), '"een" finds "één"',
    JSON.stringify(r.slice(0, 5)));

  // "doen" finds "dóén" inside a note's text, with the snippet around it.
  r = await search(page, 'doen bespreken');
  check(r.length >= 1 && r[0].marks.includes('dóén') && r[0].marks.includes('bespreken'),
    '"doen bespreken" finds "dóén, niet alleen bespreken" in a snippet', JSON.stringify(r.slice(0, 2)));

  // A prefix, as one types.
  r = await search(page, 'toonk');
  check(r.length >= 3 && r.every((x) => x.marks.some((m) => m.toLowerCase().startsWith('toonk'))),
    'the prefix "toonk" finds the Toonkamer pages', JSON.stringify(r.map((x) => x.title)));
  const status = await page.textContent('#zoek-status');
  check(/\d+ resultaten/.test(status), 'the live region announces the count', status);

  // Stop words are skipped when something else is left: "de toonk" = "toonk".
  const withStop = await search(page, 'de toonk');
  check(withStop.length === r.length, 'stop words are skipped', `${withStop.length} vs ${r.length}`);

  // Content is text, never HTML.
  r = await search(page, '<img src=x onerror=alert(1)>');
  check((await page.$$('#zoek-resultaten img')).length === 0, 'a query is never parsed as HTML');

  // Keyboard: arrow down into the results, Enter opens one.
  r = await search(page, 'loket');
  await page.focus('#q');
  await page.keyboard.press('ArrowDown');
  let focused = await page.evaluate(() => document.activeElement.textContent);
  check(focused === r[0].title, 'ArrowDown moves from the box to the first result', focused);
  await page.keyboard.press('ArrowDown');
  focused = await page.evaluate(() => document.activeElement.textContent);
  check(focused === r[1].title, 'ArrowDown moves to the next result', focused);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  focused = await page.evaluate(() => document.activeElement.id);
  check(focused === 'q', 'ArrowUp from the first result goes back to the box', focused);
  await page.keyboard.press('ArrowDown');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  const opened = page.url();
  check(opened.startsWith(base) && opened.endsWith(r[0].href.replace(/^(\.\.\/)+/, '')),
    'Enter opens the result under the same base', opened);
  check(await page.title().then((t) => t.startsWith(r[0].title)), 'the opened page is the result');

  // The search box on every page submits to the search page with ?q=.
  await page.goto(base + 'regio/haarlemmermeer/index.html');
  await page.fill('#site-zoek', 'cooperatie klantvolgsysteem');
  await Promise.all([page.waitForNavigation(), page.press('#site-zoek', 'Enter')]);
  check(page.url().startsWith(base + 'zoeken/index.html?q='), 'the header box opens the search page', page.url());
  await page.waitForSelector('#zoek-resultaten > li, #zoek-status:not(:empty)');
  check((await page.inputValue('#q')) === 'cooperatie klantvolgsysteem', 'the query is carried over');

  // The practice filter works in place and announces the count.
  await page.goto(base + 'praktijken/index.html');
  check(await page.isVisible('#praktijk-filter'), 'the practice filter is shown when JavaScript runs');
  await page.selectOption('select[name=status]', 'gestopt');
  let shown = await page.$$eval('#per-status li[data-status]', (lis) => lis.filter((li) => !li.hidden).length);
  let note = await page.textContent('#filter-status');
  check(shown === 1 && /^1 van \d+/.test(note), 'filtering on "gestopt" leaves one practice and says so', `${shown} / ${note}`);
  // The by-theme and by-region lists below follow the filter: only that practice is left.
  const listed = await page.$$eval('.link-groups .columns li', (lis) => {
    const seen = lis.filter((li) => li.offsetParent !== null).map((li) => li.querySelector('a').getAttribute('href'));
    return { hrefs: [...new Set(seen)], all: lis.length };
  });
  const card = await page.$eval('#per-status li[data-status]:not([hidden]) a', (a) => a.getAttribute('href'));
  check(listed.hrefs.length === 1 && listed.hrefs[0] === card && listed.all > 8,
    'the by-theme and by-region lists show only the filtered practice', JSON.stringify(listed));
  await page.selectOption('select[name=status]', '');
  await page.selectOption('select[name=thema]', 'loket');
  shown = await page.$$eval('#per-status li[data-status]', (lis) => lis.filter((li) => !li.hidden).length);
  check(shown === 2, 'filtering on theme "loket" leaves its two practices', String(shown));
  await page.click('button[type=reset]');
  await page.waitForTimeout(50);
  shown = await page.$$eval('#per-status li[data-status]', (lis) => lis.filter((li) => !li.hidden).length);
  check(shown === 8, '"Alles tonen" shows every practice again', String(shown));
  const back = await page.$$eval('.link-groups .columns li', (lis) => lis.filter((li) => li.offsetParent === null).length);
  check(back === 0, 'and every entry of the lists below', String(back));

  // Without JavaScript the search page says what to do instead.
  const nojs = await browser.newContext({ javaScriptEnabled: false });
  const plain = await nojs.newPage();
  watch(plain);
  await plain.goto(base + 'zoeken/index.html?q=loket');
  const noscript = await plain.textContent('body');
  check(noscript.includes('Zoeken werkt met JavaScript'), 'without JavaScript the page explains search needs it');
  await plain.goto(base + 'praktijken/index.html');
  check(!(await plain.isVisible('#praktijk-filter')), 'without JavaScript the filter form stays hidden');

  check(foreign.length === 0, 'nothing is requested from another host', foreign.join(', '));
  check(errors.length === 0, 'no script errors', errors.join('; '));
} catch (e) {
  check(false, 'the test ran to the end', e && e.stack ? e.stack : String(e));
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
