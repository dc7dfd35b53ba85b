/**
 * Runs the CLI in-process with captured stdout/stderr (runCli from commands/main.ts).
 */
import { runCli } from '../../commands/main.js';
import type { CliIO } from '../../commands/shared/io.js';

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
}

export async function cli(argv: readonly string[], o: CliOptions = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s), isTTY: !!o.tty, columns: 100 },
    stderr: { write: (s: string) => (stderr += s), isTTY: !!o.tty, columns: 100 },
    env: o.env ?? {},
    cwd: o.cwd ?? process.cwd(),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
