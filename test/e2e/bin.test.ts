/**
 * The real executable: shebang, loading the bundle through its code cache (or dist/ without it),
 * exit codes, streams. Needs `npm run build` (`npm ci` runs it; `npm test` runs tsc first).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/backend-tests.js';

const BIN = path.join(REPO_ROOT, 'bin/onnx.js');

function run(args: string[], cwd = REPO_ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bin/onnx.js', () => {
  it('is built', () => {
    expect(fs.existsSync(path.join(REPO_ROOT, 'dist/commands/main.js'))).toBe(true);
  });
  it('prints help and version', () => {
    const h = run(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('Usage: onnx');
    const v = run(['--version']);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
  it('summarizes a model', () => {
    const r = run(['info', 'fixtures/models/tiny-cnn.onnx', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).graph.ops.Conv).toBe(3);
  });
  it('exits 3 with one line and no stack trace on every kind of bad input, writing nothing', () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-bad-'));
    try {
      const good = fs.readFileSync(path.join(REPO_ROOT, 'fixtures/models/tiny-cnn.onnx'));
      fs.writeFileSync(path.join(d, 'empty.onnx'), '');
      fs.writeFileSync(path.join(d, 'random.onnx'), Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 251)));
      fs.writeFileSync(path.join(d, 'truncated.onnx'), good.subarray(0, 3000));
      fs.copyFileSync(path.join(REPO_ROOT, 'fixtures/models/external/model.onnx'), path.join(d, 'ext.onnx'));
      fs.mkdirSync(path.join(d, 'folder.onnx'));
      const before = fs.readdirSync(d).sort();
      for (const f of ['missing.onnx', 'folder.onnx', 'empty.onnx', 'random.onnx', 'truncated.onnx', 'ext.onnx']) {
        const r = run(['info', path.join(d, f)]);
        expect(r.code, f).toBe(3);
        expect(r.stdout, f).toBe('');
        const lines = r.stderr.trim().split('\n');
        expect(lines[0], f).toMatch(new RegExp(`^error: .*${f.replace('.', '\\.')}`));
        expect(lines.length, f).toBeLessThanOrEqual(2);
        expect(r.stderr, f).not.toMatch(/\n\s+at /);
      }
      expect(fs.readdirSync(d).sort()).toEqual(before);
    } finally {
      fs.rmSync(d, { recursive: true, force: true });
    }
  });
  it('stops quietly when the reader closes the pipe early (onnx ... | head)', async () => {
    const child = spawn(process.execPath, [BIN, 'check', '--shapes', '--json', 'fixtures/real/bert-like_op16.onnx'], { cwd: REPO_ROOT });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(0);
  });
  it('runs the bundle from its code cache, and gives the same output without the bundle', () => {
    expect(fs.existsSync(path.join(REPO_ROOT, 'dist/onnx.cjs'))).toBe(true);
    const caches = () => fs.readdirSync(path.join(REPO_ROOT, 'dist')).filter((f) => f.endsWith('.cache'));
    // The build made one; a run under other flags (the test runner's) may add its own.
    expect(caches().length).toBeGreaterThan(0);
    run(['--version']);
    const before = new Map(caches().map((f) => [f, fs.statSync(path.join(REPO_ROOT, 'dist', f)).mtimeMs]));
    const bundled = run(['check', '--shapes', '--json', 'fixtures/models/tiny-cnn.onnx']);
    expect(bundled.code).toBe(0);
    // An accepted cache is not written again.
    expect(new Map(caches().map((f) => [f, fs.statSync(path.join(REPO_ROOT, 'dist', f)).mtimeMs]))).toEqual(before);
    const r = spawnSync(process.execPath, [BIN, 'check', '--shapes', '--json', 'fixtures/models/tiny-cnn.onnx'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', ONNX_NO_BUNDLE: '1' },
    });
    expect(r.status).toBe(0);
    expect(bundled.stdout).toBe(r.stdout);
  });
});
