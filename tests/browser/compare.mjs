// Browser test of the compare page (vergelijken/index.html), opened from file://.
//
// Usage: node tests/browser/compare.mjs <built site folder> <slug-a> <slug-b>
// Picks the two regions with the keyboard-usable checkboxes, checks that they appear side by
// side (chart with role="img" and a table with both as columns) and that the address holds the
// choice; then opens the page with that address and checks the choice is restored. Also checks
// that a column header sorts the full table. Exits non-zero with a message on any failure.
import { chromium } from 'playwright-core';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [site, a, b] = process.argv.slice(2);
if (!site || !a || !b) {
  console.error('usage: compare.mjs <site folder> <slug-a> <slug-b>');
  process.exit(2);
}
const page_url = pathToFileURL(path.resolve(site, 'vergelijken', 'index.html')).href;

function check(ok, message) {
  if (!ok) throw new Error(message);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  // Nothing may leave file://: any other request fails the test.
  await page.route('**/*', (route) => {
    if (route.request().url().startsWith('file:')) return route.continue();
    errors.push('request to ' + route.request().url());
    return route.abort();
  });

  await page.goto(page_url);
  check(await page.locator('#compare-pick').isVisible(), 'the picker is not shown (did data.js or compare.js load?)');

  // Pick with the keyboard: focus the checkbox and press space.
  for (const slug of [a, b]) {
    const box = page.locator(`#compare-form input[value="${slug}"]`);
    await box.focus();
    await page.keyboard.press('Space');
    check(await box.isChecked(), `checkbox ${slug} is not checked after pressing space`);
  }
  const output = page.locator('#compare-output');
  await output.locator('table.side-table').waitFor();
  const heads = await output.locator('table.side-table thead th').allTextContents();
  const names = await Promise.all([a, b].map((s) =>
    page.locator(`#compare-form input[value="${s}"]`).evaluate((el) => el.parentElement.textContent.trim())));
  for (const name of names) {
    check(heads.includes(name), `side-by-side table has no column "${name}" (has ${JSON.stringify(heads)})`);
  }
  const svg = output.locator('svg[role="img"]');
  check(await svg.count() >= 1, 'no chart with role="img"');
  const svgText = await svg.first().textContent();
  for (const name of names) check(svgText.includes(name), `chart does not label "${name}"`);
  check((await output.locator('.chart-summary').first().textContent()).trim().length > 0, 'chart has no text summary');
  const hash = new URL(page.url()).hash;
  check(hash === `#regio=${[a, b].sort().join(',')}` || hash === `#regio=${a},${b}` || hash === `#regio=${b},${a}`,
    `address does not hold the choice: ${page.url()}`);

  // Sorting: the first mean column, descending after two presses of its button.
  const button = page.locator('table[data-sortable] thead th[data-col="1"] button').first();
  await button.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  const sortState = await page.locator('table[data-sortable] thead th[data-col="1"]').first().getAttribute('aria-sort');
  check(sortState === 'descending', `aria-sort is ${sortState} after two presses`);
  const values = await page.locator('table[data-sortable] tbody tr').evaluateAll((rows) =>
    rows.map((r) => r.cells[1].dataset.sort).filter((v) => v !== '').map(Number));
  check(values.every((v, i) => i === 0 || values[i - 1] >= v), `column not sorted descending: ${values}`);

  // A fresh page with the address restores the choice.
  const shared = page.url();
  const second = await context.newPage();
  second.on('pageerror', (e) => errors.push(String(e)));
  await second.goto(shared);
  await second.locator('#compare-output table.side-table').waitFor();
  for (const slug of [a, b]) {
    check(await second.locator(`#compare-form input[value="${slug}"]`).isChecked(), `${slug} not restored from ${shared}`);
  }
  const restored = await second.locator('#compare-output table.side-table thead th').allTextContents();
  for (const name of names) check(restored.includes(name), `restored table lacks "${name}"`);

  check(errors.length === 0, 'page errors: ' + errors.join('; '));
  console.log(`compare page ok: picked ${a}, ${b}; address ${hash}; restored from address`);
} finally {
  await browser.close();
}
