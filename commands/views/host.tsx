/**
 * Where ink meets the command line. Loaded only in ink mode (output.ts imports it lazily), so
 * --json and pipes never load React.
 *
 * A report is static: it renders once to a string (renderToString mounts, lays out and
 * unmounts), which output.ts writes to stdout; no stdin, no cursor games, nothing left mounted.
 */
import type { ComponentType } from 'react';
import chalk from 'chalk';
import { renderToString } from 'ink';

export interface ViewRenderOptions {
  /** Width of the terminal. */
  columns: number;
  /** Colour on (the caller has decided colour is allowed) or off (plain snapshots). */
  colour: boolean;
}

/**
 * Runs `f` with ink's colours on or off. ink colours through chalk's default instance, whose
 * level chalk detects from process.stdout; the command has already decided for its own streams
 * (which tests replace), so the level is set for the render and put back after it.
 */
export function withColour<T>(colour: boolean, f: () => T): T {
  const before = chalk.level;
  chalk.level = colour ? Math.max(before, 1) as typeof before : 0;
  try {
    return f();
  } finally {
    chalk.level = before;
  }
}

/** A report view as terminal text (no trailing newline). */
export function renderView<R>(View: ComponentType<{ report: R }>, report: R, o: ViewRenderOptions): string {
  return withColour(o.colour, () => renderToString(<View report={report} />, { columns: o.columns }));
}
