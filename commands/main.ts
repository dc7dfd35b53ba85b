/**
 * The composition root: builds the command line, runs it, and turns every outcome into an exit
 * code. Only this file maps errors to exit codes; commands throw or set findings.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { OnnxError } from '../src/util/errors.js';
import { checkCommand } from './check.js';
import { editCommand } from './edit.js';
import { drawCommand } from './draw.js';
import { infoCommand } from './info.js';
import { runCommand } from './run.js';
import { ExitCode, exitCodeOf } from './shared/exit-codes.js';
import type { CommandContext } from './shared/context.js';
import { processIO, colorEnabled, type CliIO } from './shared/io.js';
import { toJson } from './shared/output.js';
import { Chalk } from 'chalk';

function packageVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const p = path.join(dir, 'package.json');
    if (fs.existsSync(p)) {
      const pkg = JSON.parse(fs.readFileSync(p, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'onnx') return pkg.version ?? '0.0.0';
    }
    dir = path.dirname(dir);
  }
  return '0.0.0';
}

/** Applies the settings every command needs (commander does not pass them to added commands). */
function configure(cmd: Command, io: CliIO): Command {
  cmd.exitOverride();
  cmd.configureOutput({
    writeOut: (s) => io.stdout.write(s),
    writeErr: (s) => io.stderr.write(s),
    outputError: (s, write) => write(s),
  });
  cmd.showSuggestionAfterError(true);
  for (const sub of cmd.commands) configure(sub, io);
  return cmd;
}

export function buildProgram(ctx: CommandContext): Command {
  const program = new Command('onnx')
    .description('a command-line toolbox for ONNX models')
    .version(packageVersion(), '-V, --version', 'print the version')
    .option('--no-color', 'plain text output, no colour')
    .addCommand(infoCommand(ctx))
    .addCommand(checkCommand(ctx))
    .addCommand(runCommand(ctx))
    .addCommand(editCommand(ctx))
    .addCommand(drawCommand(ctx));
  return configure(program, ctx.io);
}

function reportError(e: unknown, io: CliIO, json: boolean): number {
  const c = new Chalk({ level: colorEnabled(io.stderr, io.env) ? 2 : 0 });
  if (e instanceof OnnxError) {
    const code = exitCodeOf(e.kind);
    const where = [e.detail.node ? `node "${e.detail.node}"${e.detail.opType ? ` (${e.detail.opType})` : ''}` : '']
      .filter(Boolean)
      .join(', ');
    if (json) {
      const error = {
        code: e.code,
        message: e.message,
        ...(e.detail.node ? { node: e.detail.node } : {}),
        ...(e.detail.value ? { value: e.detail.value } : {}),
        ...(e.detail.path ? { path: e.detail.path } : {}),
        ...(e.detail.hint ? { hint: e.detail.hint } : {}),
      };
      io.stdout.write(`${toJson({ schema: 'onnx-cli/error@1', ok: false, error })}\n`);
    }
    io.stderr.write(`${c.red('error:')} ${e.message}${where && !e.message.includes(where) ? ` [${where}]` : ''}\n`);
    if (e.detail.hint) io.stderr.write(`${c.dim('hint:')} ${e.detail.hint}\n`);
    if (io.env.ONNX_DEBUG === '1' && e.stack) io.stderr.write(`${e.stack}\n`);
    return code;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  io.stderr.write(`${c.red('internal error:')} ${err.message}\n`);
  io.stderr.write('hint: this is a bug in onnx; please report it with the output of ONNX_DEBUG=1\n');
  if (io.env.ONNX_DEBUG === '1' && err.stack) io.stderr.write(`${err.stack}\n`);
  if (json) {
    io.stdout.write(`${JSON.stringify({ schema: 'onnx-cli/error@1', ok: false, error: { code: 'E_INTERNAL', message: err.message } })}\n`);
  }
  return ExitCode.INTERNAL;
}

/** Runs the CLI with `argv` (without "node" and the script); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let exit = 0;
  const ctx: CommandContext = { io, setExit: (code) => (exit = Math.max(exit, code)) };
  const program = buildProgram(ctx);
  const json = argv.includes('--json');
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return ExitCode.USAGE;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return exit;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return ExitCode.USAGE;
    }
    return reportError(e, io, json);
  }
}

export async function main(): Promise<void> {
  // A reader that stops early (`onnx info m.onnx | head`) closes the pipe: stop quietly, as Unix
  // tools do, instead of dying on an unhandled EPIPE.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      process.exit(process.exitCode ?? 0);
    });
  }
  process.exitCode = await runCli(process.argv.slice(2));
}
