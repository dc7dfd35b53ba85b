/**
 * One self-rewriting status line on stderr for long work ("laying out 18,000 boxes… 4.2 s").
 * Only on a TTY (the caller decides); throttled, and erased when done so output stays clean.
 */
import type { OutStream } from './io.js';

export interface ProgressLine {
  set(text: string): void;
  done(): void;
}

export const NO_PROGRESS: ProgressLine = { set: () => {}, done: () => {} };

export function progressLine(stream: OutStream, intervalMs = 250): ProgressLine {
  const start = Date.now();
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
  let text = '';
  let frame = 0;
  let last = 0;
  const paint = (): void => {
    last = Date.now();
    const secs = ((last - start) / 1000).toFixed(1);
    const width = Math.max(20, (stream.columns ?? 80) - 1);
    stream.write(`\r\u001b[K${`${frames[frame++ % frames.length]} ${text} ${secs} s`.slice(0, width)}`);
  };
  const timer = setInterval(paint, intervalMs);
  timer.unref();
  return {
    set(t) {
      text = t;
      if (Date.now() - last >= intervalMs / 2) paint();
    },
    done() {
      clearInterval(timer);
      if (last > 0) stream.write('\r\u001b[K');
    },
  };
}
