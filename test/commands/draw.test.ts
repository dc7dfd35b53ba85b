import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { saveModel } from '../../src/io/save.js';
import { cli } from '../helpers/run-cli.js';
import { scopedStackModel } from '../helpers/draw-models.js';
import { parseXml } from '../helpers/xml.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-draw-cli-'));
const CNN = 'fixtures/models/tiny-cnn.onnx';
const out = (name: string) => path.join(dir, name);
const stack = out('stack.onnx');
saveModel(scopedStackModel(4), stack);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('onnx draw', () => {
  it('writes DOT and says what it wrote', async () => {
    const r = await cli(['draw', CNN, '-o', out('cnn.dot')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^wrote .*cnn\.dot \(DOT, .*\n {2}13 boxes drawn for 11 nodes · no layout\n$/);
    const dot = fs.readFileSync(out('cnn.dot'), 'utf8');
    expect(dot).toMatch(/^digraph "torch_jit" \{/);
    expect(dot).toContain('class="op nn"');
  });
  it('--json: the draw@1 report', async () => {
    const r = await cli(['draw', CNN, '-o', out('cnn.svg'), '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      schema: 'onnx-cli/draw@1',
      ok: true,
      output: out('cnn.svg'),
      format: 'svg',
      nodesDrawn: 13,
      modelNodes: 11,
      collapsedGroups: 0,
      layout: 'dot',
      warnings: [],
    });
    expect(doc.ms).toBeTypeOf('number');
    expect(doc.bytes).toBe(fs.statSync(out('cnn.svg')).size);
    expect(parseXml(fs.readFileSync(out('cnn.svg'), 'utf8')).filter((e) => e.attrs.class?.startsWith('node '))).toHaveLength(13);
  });
  it('writes SVG with the layered layout, HTML, and PNG', async () => {
    const svg = await cli(['draw', CNN, '-o', out('cnn-layered.svg'), '--layout', 'layered', '--rankdir', 'LR', '--json']);
    expect(JSON.parse(svg.stdout).layout).toBe('layered');
    parseXml(fs.readFileSync(out('cnn-layered.svg'), 'utf8'));
    const html = await cli(['draw', CNN, '-o', out('cnn.html'), '--json']);
    expect(JSON.parse(html.stdout)).toMatchObject({ format: 'html', layout: 'layered' });
    const page = fs.readFileSync(out('cnn.html'), 'utf8');
    expect(page).toContain('<script type="application/json" id="graph-data">');
    expect(page).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\//);
    const png = await cli(['draw', CNN, '-o', out('cnn.png'), '--json']);
    expect(png.code).toBe(0);
    expect([...fs.readFileSync(out('cnn.png')).subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });
  it('--collapse scope --depth 2: one box per block', async () => {
    const r = await cli(['draw', stack, '-o', out('stack.dot'), '--collapse', 'scope', '--depth', '2', '--json']);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ collapsedGroups: 4, collapseDepth: 2, modelNodes: 50 });
    // 4 blocks, /embed/Mul, /pool/ReduceMean, the input and the output.
    expect(doc.nodesDrawn).toBe(8);
    expect(fs.readFileSync(out('stack.dot'), 'utf8')).toContain('/encoder/layer.3');
  });
  it('--around NODE --radius K: the neighbourhood only; an unknown name is a usage error with a hint', async () => {
    const r = await cli(['draw', stack, '-o', out('around.svg'), '--around', '/encoder/layer.1/attention/Softmax', '--radius', '1', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).nodesDrawn).toBe(3);
    const bad = await cli(['draw', stack, '-o', out('around2.svg'), '--around', 'Softmax']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: --around expects the name of a node .* found none named "Softmax"\nhint: names containing it: "\/encoder\/layer.0\/attention\/Softmax"/);
    expect(fs.existsSync(out('around2.svg'))).toBe(false);
  });
  it('--timeout: a Graphviz layout that takes too long stops with exit 4 and a hint', async () => {
    const big = out('big.onnx');
    saveModel(scopedStackModel(166), big);
    const r = await cli(['draw', big, '-o', out('big.svg'), '--layout', 'dot', '--timeout', '1']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^error: Graphviz did not finish the layout within 1 s\nhint: use --layout layered/);
    expect(fs.existsSync(out('big.svg'))).toBe(false);
  });
  it('usage errors exit 2 and write nothing', async () => {
    for (const args of [
      ['draw', CNN],
      ['draw', CNN, '-o', out('x.jpeg')],
      ['draw', CNN, '-o', out('x.svg'), '--layout', 'neato'],
      ['draw', CNN, '-o', out('x.svg'), '--depth', '0'],
      ['draw', CNN, '-o', CNN, '--format', 'dot'],
    ]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
    }
    expect(fs.existsSync(out('x.svg'))).toBe(false);
  });
  it('a missing model exits 3; no file and no temporary file is left', async () => {
    const before = fs.readdirSync(dir).sort();
    const r = await cli(['draw', 'nope.onnx', '-o', out('nope.svg')]);
    expect(r.code).toBe(3);
    expect(fs.readdirSync(dir).sort()).toEqual(before);
  });
  it('shows progress on a terminal only, on stderr', async () => {
    const tty = await cli(['draw', CNN, '-o', out('p.html')], { tty: true, progress: { delayMs: 0 } });
    const plain = (s: string) => s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
    expect(plain(tty.stderr)).toContain('✔ inferring shapes');
    expect(plain(tty.stderr)).toContain('✔ writing');
    expect(plain(tty.stdout)).toContain('✔ wrote');
    expect(tty.stdout).not.toContain('inferring shapes');
    // stdout piped, stderr a terminal: the one-line fallback, erased when done.
    const line = await cli(['draw', CNN, '-o', out('p.html')], { stdoutTTY: false, stderrTTY: true, progress: { delayMs: 0 } });
    expect(line.stderr).toContain('\r\u001b[2K');
    expect(line.stderr.endsWith('\r\u001b[2K')).toBe(true);
    expect(line.stdout).toMatch(/^wrote /);
    const json = await cli(['draw', CNN, '-o', out('p.html'), '--json'], { tty: true, progress: { delayMs: 0 } });
    expect(json.stderr).toBe('');
    const ci = await cli(['draw', CNN, '-o', out('p.html')], { tty: true, env: { CI: 'true' }, progress: { delayMs: 0 } });
    expect(ci.stderr).toBe('');
  });
});
