/**
 * A one-line progress display on stderr for long work: redrawn at most every `intervalMs`, shown
 * only once the work has lasted `delayMs` (fast runs print nothing), and erased when done. A
 * no-op unless enabled (a TTY, no --json, not CI: see progressEnabled).
 */
import type { CliIO } from './io.js';

export interface ProgressLine {
  /** Sets the text; drawn when the throttle allows (`now`: at once, for a step known to be long). */
  update(text: string, now?: boolean): void;
  /** Erases the line. */
  done(): void;
}

const NOOP: ProgressLine = { update() {}, done() {} };

export function progressLine(io: CliIO, enabled: boolean, opts: { intervalMs?: number; delayMs?: number; now?: () => number } = {}): ProgressLine {
  if (!enabled) return NOOP;
  const now = opts.now ?? (() => performance.now());
  const interval = opts.intervalMs ?? 100;
  const start = now();
  const delay = opts.delayMs ?? 300;
  let last = -Infinity;
  let shown = false;
  const width = Math.max(20, (io.stderr.columns ?? 80) - 1);
  return {
    update(text, immediately = false) {
      const t = now();
      if (!immediately && (t - start < delay || t - last < interval)) return;
      last = t;
      shown = true;
      io.stderr.write(`\r\x1b[2K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
    },
    done() {
      if (shown) io.stderr.write('\r\x1b[2K');
      shown = false;
    },
  };
}
