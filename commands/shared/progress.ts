/**
 * The one progress mechanism for long work (load, infer, run, lay out, edit, save). Commands say
 * what they are doing (`step`) and how far along they are (`update`); a sink shows it: an ink
 * live view on a terminal (commands/views/ProgressView.tsx), one rewritten stderr line where ink
 * cannot render (progress-line.ts), nothing with --json, CI or pipes (NO_PROGRESS).
 *
 * The controller here owns the policy shared by every sink: nothing is shown for work that ends
 * within `delayMs` (fast commands print nothing), redraws are throttled to one per `intervalMs`,
 * and a timer keeps the elapsed time moving while the work awaits something (a Graphviz worker).
 */
import { formatBytes, formatCount } from '../text/format.js';

export interface StepOptions {
  /** Amount of work, when known (nodes, bytes, edits). */
  total?: number;
  /** How `done`/`total` read: a count ("34/120") or bytes ("12 MiB / 1.2 GiB"). */
  unit?: 'count' | 'bytes';
  /** Show the step at once, before the delay: it will block the event loop for long (a big file). */
  immediate?: boolean;
}

export interface Progress {
  /** Starts a step; the step before it is complete. */
  step(label: string, opts?: StepOptions): void;
  /** How far the current step is (`total` may change); redrawn when the throttle allows. */
  update(done: number, total?: number, detail?: string): void;
  /** A line shown above the live view (a warning), at once. */
  print(text: string): void;
  /** Completes the current step and removes the live view; completed steps stay above it. Idempotent. */
  done(): void;
  /** Ends like done(), with the current step marked as failed (an error follows). */
  fail(): void;
}

export const NO_PROGRESS: Progress = { step() {}, update() {}, print() {}, done() {}, fail() {} };

export interface LogItem {
  id: number;
  kind: 'step' | 'note';
  text: string;
  /** Duration of a completed step. */
  ms?: number;
  /** A step the work failed in. */
  failed?: boolean;
}

export interface CurrentStep {
  label: string;
  done?: number;
  total?: number;
  unit: 'count' | 'bytes';
  detail?: string;
  /** Since the step started. */
  ms: number;
}

/** What a sink draws: the log above the live view, and the step under way. */
export interface ProgressSnapshot {
  /** Steps completed while the view was shown, and printed lines, oldest first. */
  log: readonly LogItem[];
  /** Absent once done. */
  current?: CurrentStep;
  /** Since the progress started. */
  ms: number;
}

export interface ProgressSink {
  /** Shows or redraws the live view. */
  draw(s: ProgressSnapshot): void;
  /** Shows a printed line: through the view once drawn (it is in `s.log`), else written straight out. */
  print(text: string, s: ProgressSnapshot, shown: boolean): void;
  /** Removes the live view (called only if it was drawn). */
  close(s: ProgressSnapshot): void;
}

export interface ProgressClock {
  now(): number;
  /** Calls `fn` every `ms` until the returned function is called. */
  every(fn: () => void, ms: number): () => void;
}

export const REAL_CLOCK: ProgressClock = {
  now: () => performance.now(),
  every(fn, ms) {
    const t = setInterval(fn, ms);
    t.unref();
    return () => clearInterval(t);
  },
};

export interface ProgressOptions {
  /** Nothing is shown before this (default 300 ms). */
  delayMs?: number;
  /** At most one redraw per this (default 100 ms). */
  intervalMs?: number;
  clock?: ProgressClock;
}

/** The controller: state, delay and throttle, in front of a sink. */
export function createProgress(sink: ProgressSink, opts: ProgressOptions = {}): Progress {
  const clock = opts.clock ?? REAL_CLOCK;
  const delay = opts.delayMs ?? 300;
  const interval = opts.intervalMs ?? 100;
  const start = clock.now();
  const log: LogItem[] = [];
  let ids = 0;
  let current: { label: string; started: number; unit: 'count' | 'bytes'; done?: number; total?: number; detail?: string } | undefined;
  let shown = false;
  let finished = false;
  let lastDraw = -Infinity;

  const snapshot = (t: number): ProgressSnapshot => {
    const s: ProgressSnapshot = { log: [...log], ms: t - start };
    if (current) {
      const c: CurrentStep = { label: current.label, unit: current.unit, ms: t - current.started };
      if (current.done !== undefined) c.done = current.done;
      if (current.total !== undefined) c.total = current.total;
      if (current.detail !== undefined) c.detail = current.detail;
      s.current = c;
    }
    return s;
  };
  const draw = (t: number): void => {
    shown = true;
    lastDraw = t;
    sink.draw(snapshot(t));
  };
  /** Draws if the delay has passed and the throttle allows (or `force`). */
  const maybeDraw = (force = false): void => {
    if (finished) return;
    const t = clock.now();
    if (force || (t - start >= delay && t - lastDraw >= interval)) draw(t);
  };
  const complete = (t: number, failed = false): void => {
    if (current && shown) log.push({ id: ids++, kind: 'step', text: current.label, ms: t - current.started, ...(failed ? { failed } : {}) });
    current = undefined;
  };
  const finish = (failed: boolean): void => {
    if (finished) return;
    stopTimer();
    const t = clock.now();
    complete(t, failed);
    finished = true;
    if (shown) sink.close(snapshot(t));
  };
  const stopTimer = clock.every(() => maybeDraw(), interval);

  return {
    step(label, o = {}) {
      if (finished) return;
      const t = clock.now();
      complete(t);
      current = { label, started: t, unit: o.unit ?? 'count', ...(o.total !== undefined ? { total: o.total } : {}) };
      // A new step redraws at once once the view is up: steps are few, and each is news.
      maybeDraw(shown || !!o.immediate);
    },
    update(done, total, detail) {
      if (finished || !current) return;
      current.done = done;
      if (total !== undefined) current.total = total;
      if (detail !== undefined) current.detail = detail;
      maybeDraw();
    },
    print(text) {
      if (finished) {
        sink.print(text, snapshot(clock.now()), false);
        return;
      }
      const t = clock.now();
      if (shown) log.push({ id: ids++, kind: 'note', text });
      sink.print(text, snapshot(t), shown);
    },
    done: () => finish(false),
    fail: () => finish(true),
  };
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** The spinner frame for a moment (frames advance with time, not with redraws). */
export function spinnerFrame(ms: number): string {
  return SPINNER[Math.floor(ms / 80) % SPINNER.length]!;
}

/** Seconds with one decimal: "4.2 s". */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** "34/120" or "12.0 MiB / 1.2 GiB"; empty when nothing is known. */
export function formatAmount(c: Pick<CurrentStep, 'done' | 'total' | 'unit'>): string {
  if (c.done === undefined) return c.total !== undefined && c.unit === 'bytes' ? formatBytes(c.total) : '';
  if (c.unit === 'bytes') return c.total ? `${formatBytes(c.done)} / ${formatBytes(c.total)}` : formatBytes(c.done);
  return c.total ? `${formatCount(c.done)}/${formatCount(c.total)}` : formatCount(c.done);
}

/** Share done, 0..1, when the total is known. */
export function fraction(c: Pick<CurrentStep, 'done' | 'total'>): number | undefined {
  if (c.done === undefined || !c.total) return undefined;
  return Math.min(1, Math.max(0, c.done / c.total));
}

/** The live view as one plain line: "⠋ running 34/120 · 28% · Conv · 1.2 s". */
export function progressText(s: ProgressSnapshot): string {
  const c = s.current;
  if (!c) return '';
  const f = fraction(c);
  const parts = [`${spinnerFrame(s.ms)} ${c.label}`];
  const amount = formatAmount(c);
  if (amount) parts.push(amount);
  if (f !== undefined) parts.push(`${Math.floor(100 * f)}%`);
  if (c.detail) parts.push(c.detail);
  parts.push(formatSeconds(s.ms));
  return parts.join(' · ');
}

/** A sink that switches to `fallback` for good if `primary` throws (ink failing on an odd terminal must not fail the command). */
export function withFallback(primary: ProgressSink, fallback: () => ProgressSink): ProgressSink {
  let sink = primary;
  const guarded =
    <A extends unknown[]>(call: (s: ProgressSink, ...args: A) => void) =>
    (...args: A): void => {
      if (sink !== primary) return call(sink, ...args);
      try {
        call(sink, ...args);
      } catch {
        sink = fallback();
        call(sink, ...args);
      }
    };
  return {
    draw: guarded((s, snap: ProgressSnapshot) => s.draw(snap)),
    print: guarded((s, text: string, snap: ProgressSnapshot, shown: boolean) => s.print(text, snap, shown)),
    close: guarded((s, snap: ProgressSnapshot) => s.close(snap)),
  };
}
