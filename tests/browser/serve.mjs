// Browser test of `spiegel serve`'s live reload (headless Chromium via playwright-core).
//
// Usage: node tests/browser/serve.mjs <server url> <site folder> <note file> <note path> <old text>
// Opens the note's page on the running server, then edits the note on disk (write temp +
// rename, as editors do) and waits for the page to show the new text by itself; saves a broken
// file and waits for the error dialog; fixes it and waits for the dialog to go. Also edits the
// note's title in its front matter and waits for the heading to show it. A second tab on the
// comparison page must not reload for those saves (it shows no note). Prints the
// save → page-updated times. Exits non-zero with a message on any failure.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

const [server, site, noteFile, notePath, oldText] = process.argv.slice(2);
if (!server || !site || !noteFile || !notePath || !oldText) {
  console.error('usage: serve.mjs <server url> <site folder> <note file> <note path> <old text>');
  process.exit(2);
}
const file = path.join(site, noteFile);
const original = fs.readFileSync(file, 'utf8');

function check(ok, message) {
  if (!ok) throw new Error(message);
}

function save(text) {
  const tmp = path.join(path.dirname(file), '.serve-test.tmp');
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
  return performance.now();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // The preview fetches nothing from other hosts either.
  await page.route('**/*', (route) => {
    if (route.request().url().startsWith(server)) return route.continue();
    errors.push('request to ' + route.request().url());
    return route.abort();
  });
  // Wait for the event stream to be open before saving, so the test measures the reload.
  const connected = page.waitForResponse((r) => r.url().includes('/__spiegel/livereload'));
  await page.goto(new URL(notePath, server).href);
  await connected;
  check(await page.locator('main').innerText().then((t) => t.includes(oldText)), 'old text missing');

  // A second tab on the comparison page, which shows no note: the note's saves must leave it
  // as it is (a reload would lose what the reader was doing there, say a sorted table).
  const other = await browser.newPage();
  const otherConnected = other.waitForResponse((r) => r.url().includes('/__spiegel/livereload'));
  await other.goto(new URL('vergelijken/', server).href);
  await otherConnected;
  await other.evaluate(() => { window.spiegelNotReloaded = true; });

  const newText = 'Live bijgewerkt ' + Date.now();
  let t0 = save(original.replace(oldText, newText));
  await page.waitForFunction((t) => document.body.innerText.includes(t), newText, { timeout: 10000 });
  console.log(`edit shown after ${Math.round(performance.now() - t0)} ms`);

  // A front-matter edit (the title) takes the preview's short cut too; the page's heading
  // shows it.
  const newTitle = 'Titel live ' + Date.now();
  const retitled = original.replace(oldText, newText).replace(/^title = ".*"$/m, `title = "${newTitle}"`);
  check(retitled.includes(newTitle), 'the note has a title line to edit');
  t0 = save(retitled);
  await page.waitForFunction((t) => document.querySelector('h1')?.innerText.includes(t), newTitle,
    { timeout: 10000 });
  console.log(`title shown after ${Math.round(performance.now() - t0)} ms`);

  check(await other.evaluate(() => window.spiegelNotReloaded === true),
    'the comparison page reloaded for a note save that does not change it');
  console.log('the comparison page stayed as it was');

  const broken = original.replace(oldText, newText).replace(/^date = .*$/m, 'date = 2007-13-45');
  t0 = save(broken);
  const dialog = page.getByRole('alertdialog');
  await dialog.waitFor({ state: 'visible', timeout: 10000 });
  console.log(`error shown after ${Math.round(performance.now() - t0)} ms`);
  const shown = await dialog.innerText();
  check(shown.includes(noteFile + ':'), 'the dialog names the file with line:col:\n' + shown);
  check(await page.locator('main').innerText().then((t) => t.includes(newText)),
    'the last good page stays under the dialog');
  // The page's script moves the focus to the dialog once it has run.
  await page.waitForFunction(() => document.activeElement?.id === 'spiegel-error', null,
    { timeout: 5000 });

  t0 = save(original.replace(oldText, newText));
  await dialog.waitFor({ state: 'detached', timeout: 10000 });
  console.log(`error cleared after ${Math.round(performance.now() - t0)} ms`);
  check(errors.length === 0, 'page errors or outside requests:\n' + errors.join('\n'));
} finally {
  fs.writeFileSync(file, original);
  await browser.close();
}
