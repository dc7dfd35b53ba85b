import type { ProgressOptions } from './progress.js';

/** The streams and environment a command runs with; tests pass their own. */
export interface OutStream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIO {
  stdout: OutStream;
  stderr: OutStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Timing of progress views (tests shorten the delay, or fake the clock). */
  progress?: ProgressOptions;
}

export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/** Colour only on a TTY, and never with NO_COLOR, --no-color, CI=true or TERM=dumb. */
export function colorEnabled(stream: OutStream, env: CliIO['env'], noColorFlag = false): boolean {
  if (noColorFlag || !stream.isTTY) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.CI && env.CI !== 'false' && env.CI !== '0') return false;
  if (env.TERM === 'dumb') return false;
  return true;
}

/** Live progress views only where colour is allowed and stderr is a terminal. */
export function progressEnabled(io: CliIO, noColorFlag = false): boolean {
  return colorEnabled(io.stderr, io.env, noColorFlag);
}
