import { describe, expect, it } from 'vitest';
import { createProgress, progressText, withFallback, type ProgressClock, type ProgressSink, type ProgressSnapshot } from '../../commands/shared/progress.js';
import { lineSink } from '../../commands/shared/progress-line.js';

/** A clock the test moves; `tick` also fires the redraw timer, as setInterval would. */
function fakeClock(): { clock: ProgressClock; advance(ms: number, tick?: boolean): void; timers: number } {
  let t = 1000;
  const timers = new Set<() => void>();
  return {
    clock: {
      now: () => t,
      every(fn) {
        timers.add(fn);
        return () => timers.delete(fn);
      },
    },
    advance(ms, tick = false) {
      t += ms;
      if (tick) for (const f of [...timers]) f();
    },
    get timers() {
      return timers.size;
    },
  };
}

/** A sink that records what it was asked to show, one string per call. */
function recorder(): ProgressSink & { calls: string[]; last?: ProgressSnapshot } {
  const r = {
    calls: [] as string[],
    last: undefined as ProgressSnapshot | undefined,
    draw(s: ProgressSnapshot) {
      r.last = s;
      // The spinner frame is dropped: it only says that time passes.
      r.calls.push(`draw ${progressText(s).slice(2)} [${s.log.map((l) => l.text).join('|')}]`);
    },
    print(text: string, _s: ProgressSnapshot, shown: boolean) {
      r.calls.push(`print${shown ? ' (in view)' : ''} ${text}`);
    },
    close(s: ProgressSnapshot) {
      r.last = s;
      r.calls.push(`close [${s.log.map((l) => (l.kind === 'step' ? `${l.text} ${l.ms}` : l.text)).join('|')}]`);
    },
  };
  return r;
}

describe('progress controller (fake clock)', () => {
  it('shows nothing for work shorter than the delay', () => {
    const c = fakeClock();
    const sink = recorder();
    const p = createProgress(sink, { clock: c.clock, delayMs: 300, intervalMs: 100 });
    p.step('loading m.onnx');
    c.advance(100, true);
    p.update(5, 10);
    c.advance(150, true);
    p.done();
    expect(sink.calls).toEqual([]);
    expect(c.timers).toBe(0);
  });

  it('appears after the delay, redraws at most once per interval, and keeps steps completed in view', () => {
    const c = fakeClock();
    const sink = recorder();
    const p = createProgress(sink, { clock: c.clock, delayMs: 300, intervalMs: 100 });
    p.step('inferring shapes', { total: 120 });
    c.advance(310);
    p.update(30, 120);
    c.advance(50);
    p.update(40, 120); // within the interval: not drawn
    c.advance(60);
    p.update(60, 120, 'Conv');
    p.step('running'); // a new step draws at once
    c.advance(500);
    p.done();
    expect(sink.calls).toEqual([
      'draw inferring shapes · 30/120 · 25% · 0.3 s []',
      'draw inferring shapes · 60/120 · 50% · Conv · 0.4 s []',
      'draw running · 0.4 s [inferring shapes]',
      'close [inferring shapes 420|running 500]',
    ]);
  });

  it('keeps the clock moving while the work awaits (the timer redraws)', () => {
    const c = fakeClock();
    const sink = recorder();
    const p = createProgress(sink, { clock: c.clock, delayMs: 300, intervalMs: 100 });
    p.step('laying out 18,000 boxes');
    c.advance(200, true);
    c.advance(200, true);
    c.advance(200, true);
    p.done();
    expect(sink.calls).toEqual([
      'draw laying out 18,000 boxes · 0.4 s []',
      'draw laying out 18,000 boxes · 0.6 s []',
      'close [laying out 18,000 boxes 600]',
    ]);
  });

  it('shows an immediate step at once, and does not log steps that ended before the view appeared', () => {
    const c = fakeClock();
    const sink = recorder();
    const p = createProgress(sink, { clock: c.clock, delayMs: 300 });
    p.step('checking arguments');
    c.advance(10);
    p.step('reading big.onnx', { total: 2 ** 30, unit: 'bytes', immediate: true });
    expect(sink.calls).toEqual(['draw reading big.onnx · 1.0 GiB · 0.0 s []']);
    c.advance(1000);
    p.update(2 ** 29);
    expect(sink.last?.current).toMatchObject({ done: 2 ** 29, total: 2 ** 30, unit: 'bytes' });
    expect(progressText(sink.last!).slice(2)).toBe('reading big.onnx · 512 MiB / 1.0 GiB · 50% · 1.0 s');
    p.done();
    expect(sink.calls.at(-1)).toBe('close [reading big.onnx 1000]');
  });

  it('prints lines straight out before the view is up, and through it after', () => {
    const c = fakeClock();
    const sink = recorder();
    const p = createProgress(sink, { clock: c.clock, delayMs: 300 });
    p.step('loading');
    p.print('warning: early');
    c.advance(400, true);
    p.print('warning: late');
    p.done();
    p.print('warning: after');
    expect(sink.calls).toEqual([
      'print warning: early',
      'draw loading · 0.4 s []',
      'print (in view) warning: late',
      'close [warning: late|loading 400]',
      'print warning: after',
    ]);
    expect(sink.last!.log.map((l) => l.kind)).toEqual(['note', 'step']);
  });

  it('fail() ends with the current step marked as failed', () => {
    const c = fakeClock();
    const sink = recorder();
    const p = createProgress(sink, { clock: c.clock, delayMs: 0 });
    p.step('reading');
    p.step('decoding');
    c.advance(20);
    p.fail();
    p.done();
    expect(sink.last!.log.map((l) => [l.text, !!l.failed])).toEqual([
      ['reading', false],
      ['decoding', true],
    ]);
  });

  it('is done once: later calls do nothing', () => {
    const c = fakeClock();
    const sink = recorder();
    const p = createProgress(sink, { clock: c.clock, delayMs: 0 });
    p.step('a');
    p.done();
    p.done();
    p.step('b');
    p.update(1, 2);
    expect(sink.calls.filter((s) => s.startsWith('close'))).toHaveLength(1);
    expect(sink.calls.some((s) => s.includes(' b '))).toBe(false);
  });
});

describe('lineSink (the fallback)', () => {
  const stream = (columns = 40) => {
    const s = { text: '', columns, isTTY: true, write: (t: string) => ((s.text += t), true) };
    return s;
  };
  const snap = (label: string, ms = 0): ProgressSnapshot => ({ log: [], current: { label, unit: 'count', ms }, ms });

  it('rewrites one line, cut to the terminal width, and erases it when done', () => {
    const out = stream(30);
    const sink = lineSink(out);
    sink.draw(snap('one'));
    sink.draw(snap('x'.repeat(50)));
    sink.close(snap('done'));
    expect(out.text).toBe(`\r\x1b[2K⠋ one · 0.0 s\r\x1b[2K⠋ ${'x'.repeat(26)}…\r\x1b[2K`);
  });
  it('prints a line in place of the live line, then brings the live line back', () => {
    const out = stream();
    const sink = lineSink(out);
    sink.print('warning: before', snap('a'), false);
    sink.draw(snap('a'));
    sink.print('warning: during', snap('a'), false);
    expect(out.text).toBe('warning: before\n\r\x1b[2K⠋ a · 0.0 s\r\x1b[2Kwarning: during\n⠋ a · 0.0 s');
  });
  it('through the controller: silent for fast work', () => {
    const out = stream();
    const c = fakeClock();
    const p = createProgress(lineSink(out), { clock: c.clock });
    p.step('quick');
    c.advance(50, true);
    p.done();
    expect(out.text).toBe('');
  });
});

describe('withFallback', () => {
  it('switches to the fallback for good when the primary sink throws', () => {
    let draws = 0;
    const broken: ProgressSink = {
      draw() {
        draws++;
        throw new Error('ink cannot drive this terminal');
      },
      print() {},
      close() {},
    };
    const line = recorder();
    const sink = withFallback(broken, () => line);
    const c = fakeClock();
    const p = createProgress(sink, { clock: c.clock, delayMs: 0, intervalMs: 0 });
    p.step('one');
    p.step('two');
    p.done();
    expect(draws).toBe(1);
    expect(line.calls).toEqual(['draw one · 0.0 s []', 'draw two · 0.0 s [one]', 'close [one 0|two 0]']);
  });
});
