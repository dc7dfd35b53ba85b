import path from 'node:path';
import type { CliIO } from './io.js';

/** What every command gets from the entry point. */
export interface CommandContext {
  io: CliIO;
  /** Sets the exit code of the run (the highest severity wins). */
  setExit(code: number): void;
}

/** A path argument resolved against the working directory of the run. */
export function resolvePath(ctx: CommandContext, p: string): string {
  return path.resolve(ctx.io.cwd, p);
}
