/** When ink cannot be loaded, a terminal still gets the report (the coloured text) and line progress. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { REPO_ROOT } from '../helpers/backend-tests.js';
import { cli } from '../helpers/run-cli.js';

vi.mock('ink', () => {
  throw new Error('Cannot find package "ink"');
});

describe('without ink', () => {
  it('falls back to the text formatter and the progress line', async () => {
    const r = await cli(['info', 'fixtures/models/tiny-cnn.onnx'], { tty: true, progress: { delayMs: 0 } });
    expect(r.code).toBe(0);
    const text = fs.readFileSync(path.join(REPO_ROOT, 'fixtures/golden/info/tiny-cnn.txt'), 'utf8');
    expect(r.stdout).toContain('\u001b[');
    expect(r.stdout.replace(/\u001b\[[0-9;]*m/g, '')).toBe(text);
    expect(r.stderr).toContain('\r\u001b[2K');
    expect(r.stderr.endsWith('\r\u001b[2K')).toBe(true);
  });
});
