import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { createPayloadAjv } from '../src/catalog/ajv.js';
import { describePayloadErrors } from '../src/check/payload/describe-errors.js';
import { IDS, makeTempDir, writeSkillsRepo } from './publish-fixtures.js';
import { BUILT_BIN } from './support/built-cli.js';

/**
 * The catalog's pages in a real browser: Debian's chromium driven by playwright-core (.ci/run
 * installs it). Without it the test is reported as skipped with the reason, never passed.
 */
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const BIN = BUILT_BIN;
const run = promisify(execFile);
const SKIP_REASON = `${CHROMIUM} is not installed (apt-get install -y chromium)`;

let repo: string;
let out: string;
let serveProcess: ChildProcess | undefined;
let url: string;

async function startServe(catalog: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--catalog', catalog, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  const found = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`skillhub serve did not start: ${err}`)), 15000);
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const match = /on (http:\/\/127\.0\.0\.1:\d+) /.exec(err);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    });
    child.on('exit', () => reject(new Error(`skillhub serve exited: ${err}`)));
  });
  return { child, url: found };
}

beforeAll(async () => {
  if (!hasChromium) return;
  repo = await writeSkillsRepo({ [IDS.alpha]: {}, [IDS.beta]: { title: 'Beta Images', description: 'Generate one image of a lighthouse beacon from a prompt on the PopiArt runtime; pick it for beacon pictures.' }, [IDS.gamma]: {} });
  out = path.join(repo, 'built');
  await run(process.execPath, [BIN, 'build', '--root', path.join(repo, 'skills'), '--out', out], { cwd: repo });
  const started = await startServe(out);
  serveProcess = started.child;
  url = started.url;
}, 60000);

afterAll(() => {
  serveProcess?.kill('SIGTERM');
});

async function withPage<T>(use: (page: import('playwright-core').Page, errors: string[]) => Promise<T>): Promise<T> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()}`));
    return await use(page, errors);
  } finally {
    await browser.close();
  }
}

const BAD = '{"prompt": "", "aspect_ratio": "wide", "colour": "red"}';

describe('the catalog page in a real browser', () => {
  it.skipIf(!hasChromium)(`lists, searches, opens a skill and validates payloads as skillhub check does${hasChromium ? '' : ` (skipped: ${SKIP_REASON})`}`, async () => {
    const expected = await run(process.execPath, [BIN, 'check', IDS.beta, '--catalog', out, '--input', BAD, '--format', 'json']).catch(
      (error: { stdout: string }) => error,
    );
    const checkErrors = (JSON.parse(expected.stdout) as { errors: Array<{ path: string; message: string; keyword: string }> }).errors;
    expect(checkErrors.length).toBe(3);

    await withPage(async (page, errors) => {
      const requested: string[] = [];
      page.on('request', (request) => requested.push(new URL(request.url()).pathname));
      await page.goto(`${url}/`);
      const rows = page.locator('#skills > li');
      expect(await rows.count()).toBe(3);
      expect(await rows.locator('code').allTextContents()).toEqual([IDS.alpha, IDS.beta, IDS.gamma]);
      await expect.poll(() => page.locator('#count').textContent()).toBe('3 of 3 skills');

      await page.locator('input[type=search]').pressSequentially('lighthouse bea');
      expect(await page.locator('#skills > li:not([hidden]) code').allTextContents()).toEqual([IDS.beta]);
      expect(await page.locator('#count').textContent()).toBe('1 of 3 skills');
      await page.locator('input[type=search]').fill('');
      await page.locator('select[data-filter=model_type]').selectOption('image');
      expect(await page.locator('#skills > li:not([hidden])').count()).toBe(3);

      await page.getByRole('link', { name: 'Beta Images' }).click();
      await page.waitForURL(`${url}/skills/${IDS.beta}.html`);
      expect(await page.locator('h1').textContent()).toBe('Beta Images');
      expect(await page.locator('#inputs tbody tr td:first-child').allTextContents()).toEqual(['aspect_ratio', 'prompt']);
      expect(await page.locator('#inputs tbody tr').nth(1).locator('td').allTextContents()).toEqual([
        'prompt', 'a string', 'required', 'length 1+', '', '', '', 'what the image should show',
      ]);

      await page.locator('#payload').fill('{"prompt": "a lighthouse at dawn", "aspect_ratio": "16:9"}');
      await page.locator('#validate').click();
      expect(await page.locator('#result').textContent()).toBe('The payload is valid.');
      expect(await page.locator('#result').getAttribute('class')).toBe('valid');

      await page.locator('#payload').fill(BAD);
      await page.locator('#validate').click();
      expect(await page.locator('#result > p').textContent()).toBe('The payload is not valid (3 problems):');
      expect(await page.locator('#result li').allTextContents()).toEqual(checkErrors.map((error) => `${error.path === '' ? '(payload)' : error.path}  ${error.message}  ${error.keyword}`));

      await page.locator('#payload').fill('{"prompt": ');
      expect(await page.locator('#result > p').textContent()).toBe('The payload is not valid JSON:');

      await page.locator('#payload').fill(BAD);
      await page.screenshot({ path: path.join(repo, 'catalog-skill-page.png'), fullPage: true });
      expect(existsSync(path.join(repo, 'catalog-skill-page.png'))).toBe(true);
      expect(errors).toEqual([]);
      // Nothing but the catalog's own files.
      expect([...new Set(requested)].sort()).toEqual(['/', '/assets/fields.js', '/assets/site.css', '/assets/site.js', `/skills/${IDS.beta}.html`]);
    });
  }, 60000);

  it.skipIf(!hasChromium)(`works from file:// without a server${hasChromium ? '' : ` (skipped: ${SKIP_REASON})`}`, async () => {
    await withPage(async (page, errors) => {
      await page.goto(pathToFileURL(path.join(out, 'index.html')).href);
      await page.locator('input[type=search]').fill('beacon');
      expect(await page.locator('#skills > li:not([hidden]) code').allTextContents()).toEqual([IDS.beta]);
      await page.goto(pathToFileURL(path.join(out, 'skills', `${IDS.alpha}.html`)).href);
      await page.locator('#payload').fill('{"prompt": 3}');
      expect(await page.locator('#result li').allTextContents()).toEqual(['/prompt  `prompt` must be a non-empty string, got the number 3.  type']);

      // The page's verdicts and messages are ajv's (the server's settings) on the published input schema.
      const published = (JSON.parse(await readFile(path.join(out, 'skills', `${IDS.alpha}.json`), 'utf8')) as { input_schema: object }).input_schema;
      const validate = createPayloadAjv().compile(published);
      const payloads = [
        '{"prompt": "a lighthouse"}', '{"prompt": "a lighthouse", "aspect_ratio": "16:9"}', '{}', '[]', '"a lighthouse"', 'null',
        '{"prompt": "", "aspect_ratio": "wide", "colour": "red", "__proto__": 1}', '{"prompt": ["a"], "toString": 2, "aspect_ratio": 16}',
      ];
      let valid = 0;
      for (const text of payloads) {
        await page.locator('#payload').fill(text);
        const payload = JSON.parse(text) as unknown;
        const expected = validate(payload)
          ? ['The payload is valid.']
          : describePayloadErrors(validate.errors ?? [], payload, published).map((problem) => `${problem.pointer === '' ? '(payload)' : problem.pointer}  ${problem.message}  ${problem.keyword}`);
        if (validate.errors === null) valid++;
        const shown = await page.locator('#result').evaluate((result) => [...result.querySelectorAll(result.className === 'valid' ? 'p' : 'li')].map((line) => line.textContent));
        expect([text, shown]).toEqual([text, expected]);
      }
      expect(valid).toBe(2);
      expect(errors).toEqual([]);
    });
  }, 60000);
});
