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
import { NO_PROGRESS, createProgress, type Progress, type ProgressOptions, type ProgressSink } from './progress.js';
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
      const { text, view } = typeof how === 'function' ? { text: how, view: undefined } : how;
      if (mode === 'json') {
        io.stdout.write(`${JSON.stringify(report, jsonReplacer, 2)}\n`);
        return;
      }
      const shown = mode === 'ink' && view ? await viewText(report, view, io.stdout.columns || 80) : undefined;
      io.stdout.write(shown ?? text(report, chalk));
    },
    warn(msg) {
      toStderr(`${errChalk.yellow('warning:')} ${msg}`);
    },
    note(msg) {
      toStderr(msg);
    },
    async progress(o) {
      const sink = opts.json || !progressEnabled(io, noColor) ? undefined : await progressSinkFor(mode, io);
      if (!sink) return NO_PROGRESS;
      const p = createProgress(sink, { ...io.progress, ...o });
      active = p;
      return {
        step: p.step,
        update: p.update,
        print: p.print,
        done() {
          p.done();
          if (active === p) active = undefined;
        },
      };
    },
  };
}

/** The report drawn by its view, or undefined when ink cannot be loaded (the text is used then). */
async function viewText<R>(report: R, view: NonNullable<RenderHow<R>['view']>, columns: number): Promise<string | undefined> {
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
    try {
      const { inkProgressSink } = await import('../views/ProgressView.js');
      return inkProgressSink(io.stderr);
    } catch {
      // fall through to the plain line
    }
  }
  return lineSink(io.stderr);
}

/** JSON has no bigint or NaN: bigints become numbers when exact, else strings; NaN/Inf become strings. */
export function jsonReplacer(_key: string, v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return v;
}
