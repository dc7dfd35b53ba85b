/**
 * The one place output happens. A command hands over a plain report with its text formatter and,
 * optionally, its ink view; the mode decides which one runs:
 *   json  (--json): the report as one JSON document on stdout;
 *   text  (a pipe, CI, NO_COLOR, --no-color, TERM=dumb): the text formatter, plain;
 *   ink   (a terminal): the view, imported only now, so the other modes never load React.
 * Warnings and progress go to stderr; while a progress view is up, warnings print above it.
 */
import type { ComponentType } from 'react';
import { Chalk, type ChalkInstance } from 'chalk';
import { colorEnabled, progressEnabled, type CliIO } from './io.js';
import { NO_PROGRESS, createProgress, withFallback, type Progress, type ProgressOptions, type ProgressSink } from './progress.js';
import { lineSink } from './progress-line.js';

export interface GlobalOptions {
  json?: boolean;
  color?: boolean; // commander's --no-color sets color: false
}

export type Mode = 'json' | 'text' | 'ink';

/** How a report is shown: `ink` only where colour is allowed and stdout is a terminal. */
export function detectMode(io: Pick<CliIO, 'stdout' | 'env'>, opts: GlobalOptions): Mode {
  if (opts.json) return 'json';
  return colorEnabled(io.stdout, io.env, opts.color === false) ? 'ink' : 'text';
}

export type TextFormatter<R> = (r: R, c: ChalkInstance) => string;

export interface RenderHow<R> {
  text: TextFormatter<R>;
  /** The ink view, as a lazy import: `() => import('../views/InfoView.js')`. */
  view?: () => Promise<{ default: ComponentType<{ report: R }> }>;
  /** The report holds only strings, finite numbers, booleans and null: JSON needs no replacer. */
  plainJson?: boolean;
}

export interface Output {
  readonly json: boolean;
  readonly mode: Mode;
  readonly chalk: ChalkInstance;
  /** Writes the report in the mode's way; ends any progress view first. */
  render<R extends { schema: string }>(report: R, how: TextFormatter<R> | RenderHow<R>): Promise<void>;
  /** One warning line on stderr (above the progress view, if one is up). */
  warn(msg: string): void;
  /** Informational line on stderr (never on stdout, so --json stays parseable). */
  note(msg: string): void;
  /** Progress for long work: an ink live view, else a stderr line, else nothing (see progressSinkFor). */
  progress(opts?: ProgressOptions): Promise<Progress>;
  /** Runs `work` with progress: done when it returns, the step marked failed when it throws. */
  withProgress<T>(work: (p: Progress) => T | Promise<T>, opts?: ProgressOptions): Promise<T>;
}

export function makeOutput(io: CliIO, opts: GlobalOptions): Output {
  const mode = detectMode(io, opts);
  const noColor = opts.color === false;
  const chalk = new Chalk({ level: colorEnabled(io.stdout, io.env, noColor) ? 2 : 0 });
  const errChalk = new Chalk({ level: colorEnabled(io.stderr, io.env, noColor) ? 2 : 0 });
  let active: Progress | undefined;
  const toStderr = (line: string): void => {
    if (active) active.print(line);
    else io.stderr.write(`${line}\n`);
  };
  return {
    json: mode === 'json',
    mode,
    chalk,
    async render(report, how) {
      active?.done();
      const { text, view, plainJson } = typeof how === 'function' ? { text: how, view: undefined, plainJson: false } : how;
      if (mode === 'json') {
        io.stdout.write(`${plainJson ? JSON.stringify(report, undefined, 2) : toJson(report)}\n`);
        return;
      }
      const plain = text(report, chalk);
      const shown = mode === 'ink' && view && lineCount(plain) <= MAX_VIEW_LINES ? await viewText(report, view, io.stdout.columns || 80) : undefined;
      io.stdout.write(shown ?? plain);
    },
    warn(msg) {
      toStderr(`${errChalk.yellow('warning:')} ${msg}`);
    },
    note(msg) {
      toStderr(msg);
    },
    progress,
    async withProgress(work, o) {
      const p = await progress(o);
      try {
        const result = await work(p);
        p.done();
        return result;
      } catch (e) {
        p.fail();
        throw e;
      }
    },
  };

  /** A progress for this output; while it runs, warnings print through it. */
  async function progress(o?: ProgressOptions): Promise<Progress> {
    const sink = opts.json || !progressEnabled(io, noColor) ? undefined : await progressSinkFor(mode, io);
    if (!sink) return NO_PROGRESS;
    const p = createProgress(sink, { ...io.progress, ...o });
    active = p;
    const end = (): void => {
      if (active === p) active = undefined;
    };
    return {
      step: p.step,
      update: p.update,
      print: p.print,
      done() {
        p.done();
        end();
      },
      fail() {
        p.fail();
        end();
      },
    };
  }
}

/**
 * Reports longer than this are printed as (coloured) text even on a terminal: ink lays out every
 * cell and styles every character, milliseconds a line, and a listing of thousands of values
 * reads no better as a table.
 */
export const MAX_VIEW_LINES = 200;

function lineCount(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** The report drawn by its view, or undefined when ink cannot be loaded (the text is used then). */
async function viewText<R>(report: R, view: NonNullable<RenderHow<R>['view']>, columns: number): Promise<string | undefined> {
  preferProductionReact();
  let loaded;
  try {
    loaded = await Promise.all([view(), import('../views/host.js')]);
  } catch {
    return undefined;
  }
  const [{ default: View }, host] = loaded;
  return `${host.renderView(View, report, { columns, colour: true })}\n`;
}

/** The ink live view beside an ink report; the stderr line when stdout is not a terminal or ink fails to load. */
async function progressSinkFor(mode: Mode, io: CliIO): Promise<ProgressSink> {
  if (mode === 'ink') {
    preferProductionReact();
    try {
      const { inkProgressSink } = await import('../views/ProgressView.js');
      return withFallback(inkProgressSink(io.stderr), () => lineSink(io.stderr));
    } catch {
      // fall through to the plain line
    }
  }
  return lineSink(io.stderr);
}

/**
 * React chooses its build from NODE_ENV when first loaded, and its development build (checks on
 * every element) renders several times slower; a command-line tool is production unless told.
 */
function preferProductionReact(): void {
  process.env.NODE_ENV ??= 'production';
}

/**
 * The report as indented JSON. A replacer function makes JSON.stringify call back into JS for
 * every key (60 ms on a 20,000-node --shapes report), so it is used only when a value needs it.
 */
export function toJson(report: unknown): string {
  return JSON.stringify(report, needsReplacer(report) ? jsonReplacer : undefined, 2);
}

/** Whether anything below `v` is a bigint or a non-finite number. */
function needsReplacer(v: unknown): boolean {
  if (typeof v === 'bigint') return true;
  if (typeof v === 'number') return !Number.isFinite(v);
  if (typeof v !== 'object' || v === null) return false;
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return true;
  if (Array.isArray(v)) {
    for (const x of v) if (needsReplacer(x)) return true;
    return false;
  }
  for (const k in v) if (needsReplacer((v as Record<string, unknown>)[k])) return true;
  return false;
}

/** JSON has no bigint or NaN: bigints become numbers when exact, else strings; NaN/Inf become strings. */
function jsonReplacer(_key: string, v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return v;
}
