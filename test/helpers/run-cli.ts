/** Runs the CLI in-process with captured streams. */
import { runCli } from '../../commands/main.js';
import type { CliIO } from '../../commands/shared/io.js';
import { REPO_ROOT } from './backend-tests.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(argv: string[], opts: { tty?: boolean; env?: Record<string, string>; cwd?: string } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (s: string) => ((stdout += s), true), isTTY: opts.tty ?? false, columns: 100 },
    stderr: { write: (s: string) => ((stderr += s), true), isTTY: opts.tty ?? false },
    env: { ...(opts.env ?? {}) },
    cwd: opts.cwd ?? REPO_ROOT,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
