import test from 'ava';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { analyze, renderHtml } from '@bootlens/core';
import { ROOT } from './helpers/cli.js';
import { analyzeText } from './helpers/analyze.js';

// Debian's chromium (`apt-get install chromium`; .ci/run installs it). Without it this test fails
// rather than skips: the HTML report is only proven by a real browser.
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'test-artifacts');

let browser: Browser;

test.before(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(ARTIFACTS, { recursive: true });
});

test.after.always(async () => {
  await browser?.close();
});

async function open(html: string, name: string) {
  const file = join(ARTIFACTS, `${name}.html`);
  writeFileSync(file, html);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  const requests: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) requests.push(r.url());
  });
  await page.goto(pathToFileURL(file).href);
  return { page, problems, requests };
}

test('the race report renders with no console errors and shows the finding\'s two events and the gap', async (t) => {
  const report = await analyze([join(ROOT, 'samples/journals/k0s-reboot-race.json')]);
  const { page, problems, requests } = await open(renderHtml(report), 'report-race');
  t.deepEqual(problems, []);
  t.deepEqual(requests, [], 'the page fetches nothing');
  const cert = page.locator('circle[data-kind="cert-issued"]');
  const address = page.locator('circle[data-kind="address-added"]');
  t.true((await cert.count()) > 0);
  t.is(await address.count(), 1);
  t.true(await page.locator('rect.race').isVisible());
  // The gap is drawn from the last issuance to the address.
  const raceBox = await page.locator('rect.race').boundingBox();
  const addressBox = await address.boundingBox();
  t.truthy(raceBox && addressBox);
  t.true(Math.abs(raceBox!.x + raceBox!.width - (addressBox!.x + addressBox!.width / 2)) < 3);
  await address.click();
  const detail = await page.textContent('#detail');
  t.regex(detail ?? '', /DHCPv4 address 192\.168\.2\.10\/24/);
  t.regex(detail ?? '', /k0s-reboot-race\.json:\d+/);
  t.regex(await page.textContent('aside') ?? '', /cert-issued-before-address/);
  await page.screenshot({ path: join(ARTIFACTS, 'report-race.png'), fullPage: true });
  await page.close();
});

test('a hostile log line shows as text: nothing executes, nothing loads', async (t) => {
  const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)><svg onload=alert(3)>';
  const text = [
    '2024-11-20T09:27:02.812114+0000 node-0 systemd[1]: Reached target network-online.target - Network is Online.',
    `2024-11-20T09:27:08.751309+0000 node-0 systemd-networkd[412]: eth0${hostile.replace(/\s/g, '/')}: DHCPv4 address 192.168.2.10/24, gateway 192.168.2.1 acquired from 192.168.2.1`,
  ].join('\n');
  const { page, problems, requests } = await open(renderHtml(await analyzeText(text, 'hostile.log')), 'report-hostile');
  await page.locator('circle[data-kind="address-added"]').click();
  t.regex(await page.textContent('#detail') ?? '', /<script>alert\(1\)<\/script>/);
  t.deepEqual(problems, []);
  t.deepEqual(requests, []);
  t.is(await page.locator('img').count(), 0);
  await page.close();
});
