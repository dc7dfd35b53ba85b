/**
 * Output modes end to end: a terminal gets the ink views (coloured) and ink progress on stderr;
 * NO_COLOR, CI, TERM=dumb, --no-color and pipes get the plain text, byte for byte the golden
 * files; --json gets the document and no progress.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_VIEW_LINES, detectMode } from '../../commands/shared/output.js';
import { DataType } from '../../src/ir/dtype.js';
import { saveModel } from '../../src/io/save.js';
import { GraphBuilder } from '../../src/ops/builder.js';
import { REPO_ROOT } from '../helpers/backend-tests.js';
import { cli } from '../helpers/run-cli.js';

const CNN = 'fixtures/models/tiny-cnn.onnx';
const TEXT = fs.readFileSync(path.join(REPO_ROOT, 'fixtures/golden/info/tiny-cnn.txt'), 'utf8');
const plain = (s: string): string => s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
const now = { delayMs: 0 };

describe('output modes', () => {
  it('detectMode: json, then ink only for a colour terminal', () => {
    const tty = { isTTY: true, write: () => true };
    const pipe = { isTTY: false, write: () => true };
    expect(detectMode({ stdout: tty, env: {} }, { json: true })).toBe('json');
    expect(detectMode({ stdout: tty, env: {} }, {})).toBe('ink');
    expect(detectMode({ stdout: pipe, env: {} }, {})).toBe('text');
    expect(detectMode({ stdout: tty, env: { NO_COLOR: '1' } }, {})).toBe('text');
    expect(detectMode({ stdout: tty, env: { CI: 'true' } }, {})).toBe('text');
    expect(detectMode({ stdout: tty, env: { TERM: 'dumb' } }, {})).toBe('text');
    expect(detectMode({ stdout: tty, env: {} }, { color: false })).toBe('text');
  });

  it('a terminal gets the ink view, in colour', async () => {
    const r = await cli(['info', CNN], { tty: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\u001b[');
    expect(plain(r.stdout)).toContain('ops  11 nodes, 7 types'); // the view's heading, not the text's
    expect(plain(r.stdout)).toMatch(/ {2}Conv {15}3 {2}█+/);
    expect(plain(r.stdout)).not.toBe(TEXT);
  });

  for (const [what, o, argv] of [
    ['NO_COLOR', { env: { NO_COLOR: '1' } }, []],
    ['CI=true', { env: { CI: 'true' } }, []],
    ['TERM=dumb', { env: { TERM: 'dumb' } }, []],
    ['--no-color', {}, ['--no-color']],
  ] as const) {
    it(`${what} on a terminal gives the plain text, byte for byte, and no progress`, async () => {
      const r = await cli([...argv, 'info', CNN], { tty: true, progress: now, ...o });
      expect(r.stdout).toBe(TEXT);
      expect(r.stderr).toBe('');
    });
  }

  it('a pipe gives the plain text', async () => {
    const r = await cli(['info', CNN], { progress: now });
    expect(r.stdout).toBe(TEXT);
    expect(r.stderr).toBe('');
  });

  it('--json on a terminal gives the document and no progress', async () => {
    const r = await cli(['info', CNN, '--json'], { tty: true, progress: now });
    expect(JSON.parse(r.stdout).schema).toBe('onnx-cli/info@1');
    expect(r.stderr).toBe('');
  });

  it('progress goes to stderr: ink steps on a terminal, one erased line when stdout is piped', async () => {
    const ink = await cli(['info', CNN], { tty: true, progress: now });
    expect(plain(ink.stderr)).toContain('✔ reading tiny-cnn.onnx');
    expect(plain(ink.stderr)).toContain('✔ inferring shapes');
    expect(ink.stdout).not.toContain('inferring shapes');
    const line = await cli(['info', CNN], { stdoutTTY: false, stderrTTY: true, progress: now });
    expect(line.stdout).toBe(TEXT);
    expect(line.stderr).toContain('inferring shapes');
    expect(line.stderr.endsWith('\r\u001b[2K')).toBe(true);
    expect(line.stderr).not.toContain('✔');
  });

  it('check: diagnostics coloured by severity, the verdict, exit 1', async () => {
    const r = await cli(['check', 'fixtures/invalid/E_CYCLE.onnx'], { tty: true });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('\u001b[31m');
    expect(plain(r.stdout)).toContain('✖ E_CYCLE');
    expect(plain(r.stdout)).toContain('✖ invalid  fixtures/invalid/E_CYCLE.onnx');
  });

  it('run, edit, draw: their views on a terminal, their text in a pipe', async () => {
    const cases: [string[], RegExp, RegExp][] = [
      [['run', 'fixtures/run/add-relu.onnx', '--input-dir', 'fixtures/run/npy-inputs', '--compare', 'fixtures/run/wrong-outputs', '--atol', '1e-3'], /✖ 1 of 3 outputs differs/, /^fixtures\/run\/add-relu\.onnx {2}loaded in/],
      [['edit', CNN, '--dry-run', '--set-batch', 'N'], /✔ valid {2}dry run, nothing written/, /^changes \(1\)/],
      [['draw', CNN, '-o', path.join(REPO_ROOT, 'node_modules/.cache-tty-test.dot')], /✔ wrote .*DOT ·/, /^wrote /],
    ];
    try {
      for (const [argv, view, text] of cases) {
        const tty = await cli(argv, { tty: true });
        expect(plain(tty.stdout), argv[0]).toMatch(view);
        const pipe = await cli(argv);
        expect(pipe.stdout, argv[0]).toMatch(text);
        expect(pipe.stdout, argv[0]).not.toContain('\u001b[');
      }
    } finally {
      fs.rmSync(path.join(REPO_ROOT, 'node_modules/.cache-tty-test.dot'), { force: true });
    }
  });

  it('a warning during progress is printed once, above the live view', async () => {
    const r = await cli(['run', 'fixtures/run/add-relu.onnx', '--atol', '1e-3'], { tty: true, progress: now });
    expect(plain(r.stderr).match(/--atol and --rtol apply only with --compare/g)).toHaveLength(1);
  });

  it('a report longer than the view limit is printed as coloured text', async () => {
    const b = new GraphBuilder({ '': 17 });
    let x = b.input('x', DataType.FLOAT, [4]);
    for (let i = 0; i < MAX_VIEW_LINES; i++) [x] = b.node('Relu', [x!]);
    b.output(x!);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-tty-'));
    try {
      saveModel(b.build(), path.join(dir, 'long.onnx'));
      const tty = await cli(['check', 'long.onnx', '--shapes'], { tty: true, cwd: dir });
      const pipe = await cli(['check', 'long.onnx', '--shapes'], { cwd: dir });
      expect(tty.stdout).toContain('\u001b[');
      expect(plain(tty.stdout)).toBe(pipe.stdout);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a failure marks the step it happened in, then the error follows', async () => {
    const r = await cli(['info', 'fixtures/invalid/E_EXTERNAL_MISSING/model.onnx'], { tty: true, progress: now });
    expect(r.code).toBe(3);
    const err = plain(r.stderr);
    expect(err).toMatch(/✖ decoding model\.onnx {2}\d+\.\d s\n/);
    expect(err.indexOf('✖ decoding')).toBeLessThan(err.indexOf('error: '));
    expect(r.stdout).toBe('');
  });
});
