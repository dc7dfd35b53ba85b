/**
 * The HTML viewer in a real browser: Debian's Chromium driven by playwright-core. Types in the
 * search box, clicks the match, reads the side panel, saves a screenshot. Without Chromium this
 * fails (CI installs it) unless ONNX_SKIP_BROWSER=1.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawModel } from '../../src/draw/draw.js';
import { loadModel } from '../../src/io/load.js';
import { REPO_ROOT } from '../helpers/backend-tests.js';
import { scopedStackModel } from '../helpers/draw-models.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
const skip = process.env.ONNX_SKIP_BROWSER === '1';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

describe.skipIf(skip)('HTML viewer in Chromium', () => {
  let browser: Browser;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-draw-html-'));

  beforeAll(async () => {
    if (!CHROMIUM) {
      throw new Error('Chromium not found (looked for $CHROMIUM_PATH, /usr/bin/chromium): install it (apt-get install chromium) or set ONNX_SKIP_BROWSER=1 to skip this test');
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(file: string) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`file://${file}`);
    await expect.poll(() => page.locator('#status').textContent()).toContain('nodes');
    return { page, errors };
  }

  it('searches, centres the match, shows op type, attributes and shapes of the clicked node', async () => {
    const model = loadModel(path.join(REPO_ROOT, 'fixtures/models/tiny-cnn.onnx')).model;
    const r = await drawModel(model, { format: 'html', title: 'tiny-cnn.onnx' });
    const file = path.join(dir, 'tiny-cnn.html');
    fs.writeFileSync(file, r.content);
    const { page, errors } = await open(file);
    await page.fill('#search', 'gemm');
    await expect.poll(() => page.locator('#status').textContent()).toBe('1 match');
    const box = (await page.locator('#view').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const details = page.locator('#details');
    await expect.poll(() => details.locator('h2').textContent()).toBe('Gemm');
    const text = (await details.textContent())!;
    expect(text).toContain('/head/Gemm');
    const transB = await details.locator('tr', { hasText: 'transB' }).locator('td.v').textContent();
    expect(transB).toContain('1');
    expect(text).toContain('float32[10,16]');
    const shot = path.join(dir, 'tiny-cnn-gemm.png');
    await page.screenshot({ path: shot });
    console.log(`screenshot: ${shot}`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('pans, zooms and selects on a 2,000-node graph without page errors', async () => {
    const r = await drawModel(scopedStackModel(166), { format: 'html', title: 'stack' });
    const file = path.join(dir, 'stack.html');
    fs.writeFileSync(file, r.content);
    const { page, errors } = await open(file);
    await page.fill('#search', '/encoder/layer.100/mlp/Relu');
    await expect.poll(() => page.locator('#status').textContent()).toBe('1 match');
    const box = (await page.locator('#view').boundingBox())!;
    await page.mouse.move(box.x + 200, box.y + 200);
    await page.mouse.wheel(0, 400);
    await page.mouse.down();
    await page.mouse.move(box.x + 260, box.y + 150, { steps: 5 });
    await page.mouse.up();
    await page.fill('#search', 'Softmax');
    await expect.poll(() => page.locator('#status').textContent()).toBe('166 matches');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.locator('#details h2').textContent()).toBe('Softmax');
    const shot = path.join(dir, 'stack-softmax.png');
    await page.screenshot({ path: shot });
    console.log(`screenshot: ${shot}`);
    expect(errors).toEqual([]);
    await page.close();
  });
});
