import path from 'node:path';
import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import { createProgress, type ProgressClock, type ProgressSnapshot } from '../../../commands/shared/progress.js';
import { withColour } from '../../../commands/views/host.js';
import { ProgressView, inkProgressSink } from '../../../commands/views/ProgressView.js';
import { REPO_ROOT } from '../../helpers/backend-tests.js';

const GOLDEN = path.join(REPO_ROOT, 'fixtures/golden/views');

function fakeClock(): { clock: ProgressClock; advance(ms: number): void } {
  let t = 0;
  return { clock: { now: () => t, every: () => () => {} }, advance: (ms) => (t += ms) };
}

const SNAPSHOT: ProgressSnapshot = {
  log: [
    { id: 0, kind: 'step', text: 'reading big.onnx', ms: 2100 },
    { id: 1, kind: 'note', text: 'warning: 2 initializers share the name "w"' },
    { id: 2, kind: 'step', text: 'decoding big.onnx', ms: 3456 },
  ],
  current: { label: 'running 10 times', done: 340, total: 1200, unit: 'count', detail: 'run 3/10 · Conv', ms: 4000 },
  ms: 9600,
};

describe('ProgressView', () => {
  it('shows completed steps and printed lines above the live line (golden)', async () => {
    const text = withColour(false, () => renderToString(<ProgressView snapshot={SNAPSHOT} />, { columns: 100 }));
    await expect(`${text}\n`).toMatchFileSnapshot(path.join(GOLDEN, 'progress.txt'));
  });
  it('colours the spinner, the bar and the marks when colour is on', () => {
    const text = withColour(true, () => renderToString(<ProgressView snapshot={SNAPSHOT} />, { columns: 100 }));
    expect(text).toContain('\u001b[32m✔\u001b[39m');
    expect(text).toContain('\u001b[36m');
  });
  it('renders live on a stream: steps stay, the live line goes when done', () => {
    let written = '';
    const stream = { write: (s: string) => ((written += s), true), isTTY: true, columns: 80 };
    const c = fakeClock();
    const p = createProgress(inkProgressSink(stream), { clock: c.clock, delayMs: 0, intervalMs: 0 });
    p.step('reading m.onnx', { total: 1000, unit: 'bytes' });
    c.advance(500);
    p.update(500);
    p.print('warning: something');
    c.advance(700);
    p.step('running', { total: 4 });
    p.update(2, 4, 'Conv');
    c.advance(300);
    p.done();
    const plain = written.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
    expect(plain).toContain('reading m.onnx');
    expect(plain).toContain('✔ reading m.onnx  1.2 s');
    expect(plain).toContain('warning: something');
    expect(plain).toContain('✔ running  0.3 s');
    expect(plain.indexOf('warning: something')).toBeLessThan(plain.indexOf('✔ reading m.onnx'));
    expect(plain.trimEnd().endsWith('✔ running  0.3 s')).toBe(true);
  });
});
