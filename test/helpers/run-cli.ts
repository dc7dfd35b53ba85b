/**
 * Runs the CLI in-process with captured stdout/stderr (runCli from commands/main.ts).
 */
import { runCli } from '../../commands/main.js';
import type { CliIO } from '../../commands/shared/io.js';
import type { ProgressOptions } from '../../commands/shared/progress.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Pretend stdout/stderr are terminals (colour and progress stay off unless env allows). */
  tty?: boolean;
  /** Pretend only stdout (or only stderr) is a terminal; overrides `tty` for that stream. */
  stdoutTTY?: boolean;
  stderrTTY?: boolean;
  /** Progress timing (e.g. delayMs: 0 to see progress of quick work). */
  progress?: ProgressOptions;
}

export async function cli(argv: readonly string[], o: CliOptions = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s), isTTY: o.stdoutTTY ?? !!o.tty, columns: 100 },
    stderr: { write: (s: string) => (stderr += s), isTTY: o.stderrTTY ?? !!o.tty, columns: 100 },
    env: o.env ?? {},
    cwd: o.cwd ?? process.cwd(),
    ...(o.progress ? { progress: o.progress } : {}),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
