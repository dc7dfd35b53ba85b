/**
 * The one place output happens: a command hands over a plain report and a text formatter;
 * `--json` writes the report as one JSON document on stdout, otherwise the text goes to stdout
 * (coloured only on a TTY). Warnings and progress go to stderr.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import { colorEnabled, type CliIO } from './io.js';

export interface GlobalOptions {
  json?: boolean;
  color?: boolean; // commander's --no-color sets color: false
}

export interface Output {
  readonly json: boolean;
  readonly chalk: ChalkInstance;
  /** Writes the report: JSON on --json, else the formatted text. */
  render<R extends { schema: string }>(report: R, text: (r: R, c: ChalkInstance) => string): void;
  /** One warning line on stderr. */
  warn(msg: string): void;
  /** Informational line on stderr (never on stdout, so --json stays parseable). */
  note(msg: string): void;
}

export function makeOutput(io: CliIO, opts: GlobalOptions): Output {
  const color = colorEnabled(io.stdout, io.env, opts.color === false);
  const chalk = new Chalk({ level: color ? 2 : 0 });
  const errChalk = new Chalk({ level: colorEnabled(io.stderr, io.env, opts.color === false) ? 2 : 0 });
  return {
    json: !!opts.json,
    chalk,
    render(report, text) {
      if (opts.json) io.stdout.write(`${JSON.stringify(report, jsonReplacer, 2)}\n`);
      else io.stdout.write(text(report, chalk));
    },
    warn(msg) {
      io.stderr.write(`${errChalk.yellow('warning:')} ${msg}\n`);
    },
    note(msg) {
      io.stderr.write(`${msg}\n`);
    },
  };
}

/** JSON has no bigint or NaN: bigints become numbers when exact, else strings; NaN/Inf become strings. */
export function jsonReplacer(_key: string, v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return v;
}
