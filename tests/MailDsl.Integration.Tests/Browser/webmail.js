// Drives Debian's Chromium (never a downloaded browser) through SOGo's webmail as its users do, for
// WebmailBrowserTests: opens the login page and records every failed request, every HTTP error and every console
// error while it renders; logs in by typing into the form; waits for a subject in the inbox and takes a
// screenshot of it; writes a message in SOGo's editor and sends it. Writes one JSON object to the report file,
// { ok, step, error, loginPage: { requests, failed, httpErrors, consoleErrors, pageErrors, ... }, sent }; the C#
// test judges it.
//
// Input (JSON, first argument): { executable, userDataDir, baseUrl, user, password, expectSubject, sendTo,
// sendSubject, screenshot, report }. The caller sets HOME to a folder whose NSS database trusts the platform's CA, so
// the browser verifies the certificate as it would any other.
import { writeFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';

const input = JSON.parse(process.argv[2]);
const report = { ok: false, step: 'launch', error: null, loginPage: null, sent: false, url: null };
// Each wait's limit: two minutes, as on a CI machine under load SOGo 5.12's editor once took more than one to open
// (its dialog requested, never visible within 60 s, the test platform's other lanes running beside it).
const timeout = 120_000;

// What the page asked for and what went wrong, since the last reset.
const seen = { requests: [], failed: [], httpErrors: [], consoleErrors: [], pageErrors: [] };
const reset = () => { for (const k of Object.keys(seen)) seen[k] = []; };

let browser;
try {
  browser = await puppeteer.launch({
    executablePath: input.executable,
    userDataDir: input.userDataDir,
    headless: true,
    // Chromium refuses to run as root inside its own sandbox; the test runs as root in namespaces of its own.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--window-size=1280,900'],
    defaultViewport: { width: 1280, height: 900 },
    env: process.env,
    timeout,
  });
  const page = await browser.newPage();
  page.setDefaultTimeout(timeout);
  page.on('request', r => seen.requests.push(r.url()));
  page.on('requestfailed', r => seen.failed.push(`${r.url()}: ${r.failure()?.errorText}`));
  page.on('response', r => { if (r.status() >= 400) seen.httpErrors.push(`${r.status()} ${r.url()}`); });
  page.on('console', m => { if (m.type() === 'error') seen.consoleErrors.push(`${m.text()} (${m.location()?.url ?? ''})`); });
  page.on('pageerror', e => seen.pageErrors.push(String(e)));
  // Chromium aborts a navigation when an address or link of this machine changes (net::ERR_NETWORK_CHANGED): the lab
  // networks of the other tests share this network namespace, and they move VIPs and stop hosts meanwhile. Only that
  // error is tried again, with what was seen of the aborted load forgotten.
  const visit = async url => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await page.goto(url, { waitUntil: 'networkidle0' });
      } catch (e) {
        if (attempt >= 3 || !String(e).includes('net::ERR_NETWORK_CHANGED')) throw e;
        reset();
      }
    }
  };

  report.step = 'login page';
  await visit(`${input.baseUrl}/SOGo/`);
  const username = 'input[ng-model="app.creds.username"]';
  await page.waitForSelector(username, { visible: true });
  // Rendered by its scripts and styles: AngularJS booted the app, and Angular Material's stylesheet applies.
  const rendered = await page.evaluate(() => ({
    angular: typeof window.angular === 'object' && !!document.querySelector('[ng-app]')
      && !!window.angular.element(document.querySelector('[ng-app]')).injector(),
    stylesheets: [...document.styleSheets].filter(s => { try { return s.href && s.cssRules.length > 0; } catch { return false; } }).map(s => s.href),
    title: document.title,
  }));
  report.loginPage = { ...structuredClone(seen), ...rendered };
  reset();

  report.step = 'log in';
  await page.type(username, input.user);
  await page.type('input[ng-model="app.creds.password"]', input.password);
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'networkidle0' }),
    page.click('form[name="loginForm"] button[type="submit"]'),
  ]);
  report.url = page.url();
  if (!page.url().includes(`/SOGo/so/${input.user}/`)) throw new Error(`after logging in the browser is at ${page.url()}`);

  report.step = 'inbox';
  if (!page.url().includes('/Mail')) await visit(`${input.baseUrl}/SOGo/so/${input.user}/Mail/view`);
  await page.waitForFunction(s => document.body.innerText.includes(s), {}, input.expectSubject);
  await page.screenshot({ path: input.screenshot, fullPage: true });

  report.step = 'write';
  // The "write a new message" button: a speed dial whose trigger opens it, or a single button.
  const trigger = await page.$('md-fab-speed-dial md-fab-trigger button');
  if (trigger && await trigger.isVisible()) await trigger.click();
  const write = await page.waitForSelector('button[ng-click="mailbox.newMessage($event)"]', { visible: true });
  await write.click();
  const to = await page.waitForSelector('md-dialog md-chips[ng-model="editor.message.editable.to"] input', { visible: true });
  // The whole address in one input event, as a paste: typed key by key, SOGo 5.12's recipient autocomplete cut it in two
  // chips ("bob@sec", "ond.maildsl.internal") when its directory search answered mid-word.
  await to.focus();
  await page.keyboard.sendCharacter(input.sendTo);
  await page.waitForNetworkIdle({ idleTime: 500 });
  await page.keyboard.press('Enter');
  const chips = 'md-dialog md-chips[ng-model="editor.message.editable.to"] md-chip';
  // The chip appears after SOGo's transform of it; where Enter left none, leaving the field adds it (md-add-on-blur).
  if (!await page.waitForSelector(chips, { timeout: 5_000 }).catch(() => null)) {
    await page.keyboard.press('Tab');
    await page.waitForSelector(chips, { timeout: 10_000 }).catch(() => null);
  }
  report.recipients = await page.$$eval(chips, cs => cs.map(c => c.innerText.trim()));
  if (report.recipients.length !== 1 || !report.recipients[0].includes(input.sendTo)) {
    throw new Error(`the editor's To field holds ${JSON.stringify(report.recipients)}, not ${input.sendTo}`);
  }
  await page.type('md-dialog input[name="subject"]', input.sendSubject);
  await page.waitForFunction(() => !document.querySelector('md-dialog button[ng-click="editor.send()"]')?.disabled);

  report.step = 'send';
  await page.click('md-dialog button[ng-click="editor.send()"]');
  // SOGo closes the editor once the server accepted the message (it stays open, with the error, otherwise).
  await page.waitForSelector('md-dialog button[ng-click="editor.send()"]', { hidden: true });
  report.sent = true;
  report.ok = true;
} catch (e) {
  report.error = String(e?.stack ?? e);
} finally {
  report.after = structuredClone(seen);
  if (browser) await browser.close().catch(() => {});
}
writeFileSync(input.report, JSON.stringify(report, null, 1) + '\n');
process.exit(report.ok ? 0 : 1);
