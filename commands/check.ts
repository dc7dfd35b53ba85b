import { Command } from 'commander';
import { checkModel } from '../src/check/check.js';
import { loadModel } from '../src/io/load.js';
import { saveModel } from '../src/io/save.js';
import { buildCheckReport } from '../src/report/check.js';
import { ExitCode } from './shared/exit-codes.js';
import { resolvePath, type CommandContext } from './shared/context.js';
import { makeOutput } from './shared/output.js';
import { guardOutput } from './shared/write.js';
import { formatCheck } from './text/check.js';

interface CheckOpts {
  json?: boolean;
  strict?: boolean;
  shapes?: boolean;
  output?: string;
  inPlace?: boolean;
}

export function checkCommand(ctx: CommandContext): Command {
  return new Command('check')
    .description('validate a model against the ONNX spec and infer the type and shape of every value')
    .argument('<model>', 'path to a .onnx file')
    .option('--json', 'print one JSON document (schema onnx-cli/check@1)')
    .option('--strict', 'an inference failure is an error, not a warning')
    .option('--shapes', 'also list the type and shape of every value')
    .option('-o, --output <file>', 'write the model with value_info filled from inference')
    .option('--in-place', 'allow -o to overwrite the input')
    .action((file: string, opts: CheckOpts, cmd: Command) => {
      const out = makeOutput(ctx.io, cmd.optsWithGlobals());
      const input = resolvePath(ctx, file);
      if (opts.output) guardOutput(input, resolvePath(ctx, opts.output), !!opts.inPlace);
      const loaded = loadModel(input, { checkExternal: false });
      const result = checkModel(loaded.model, { strict: !!opts.strict, apply: !!opts.output, loadDiagnostics: loaded.diagnostics });
      const report = buildCheckReport(loaded.model, file, result, { shapes: !!opts.shapes });
      if (opts.output && result.valid) {
        saveModel(loaded.model, resolvePath(ctx, opts.output));
        report.output = opts.output;
      }
      out.render(report, formatCheck);
      if (!result.valid) {
        const unreadable = result.diagnostics.some((d) => d.code === 'E_EXTERNAL_MISSING' || d.code === 'E_EXTERNAL_RANGE');
        ctx.setExit(unreadable ? ExitCode.INPUT : ExitCode.FINDINGS);
        if (opts.output) out.warn(`not writing ${opts.output}: the model is invalid`);
      }
    });
}
