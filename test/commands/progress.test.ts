import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../commands/shared/io.js';
import { progressLine } from '../../commands/shared/progress.js';

function io(): CliIO & { err: string } {
  const o = {
    err: '',
    stdout: { write: () => true, isTTY: true },
    stderr: { write: (s: string) => (o.err += s), isTTY: true, columns: 30 },
    env: {},
    cwd: '/',
  };
  return o;
}

describe('progressLine', () => {
  it('prints nothing for work shorter than the delay, then redraws at most every interval', () => {
    const out = io();
    let now = 0;
    const p = progressLine(out, true, { delayMs: 300, intervalMs: 100, now: () => now });
    p.update('early');
    now = 350;
    p.update('one');
    now = 400;
    p.update('too soon');
    now = 460;
    p.update('two');
    p.done();
    expect(out.err).toBe('\r\x1b[2Kone\r\x1b[2Ktwo\r\x1b[2K');
  });
  it('cuts long lines to the terminal width', () => {
    const out = io();
    const p = progressLine(out, true, { delayMs: 0, now: () => 1000 });
    p.update('x'.repeat(50));
    expect(out.err).toBe(`\r\x1b[2K${'x'.repeat(28)}…`);
  });
  it('is silent when disabled, and erases nothing it did not draw', () => {
    const out = io();
    const p = progressLine(out, false, { delayMs: 0 });
    p.update('hello');
    p.done();
    const q = progressLine(out, true, { delayMs: 1e9 });
    q.update('hidden');
    q.done();
    expect(out.err).toBe('');
  });
});
