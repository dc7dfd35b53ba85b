import { Command } from 'commander';
import { checkModel } from '../src/check/check.js';
import { saveModel } from '../src/io/save.js';
import { buildCheckReport } from '../src/report/check.js';
import { ExitCode } from './shared/exit-codes.js';
import { resolvePath, type CommandContext } from './shared/context.js';
import { loadWithProgress } from './shared/load.js';
import { takePrefetched } from './shared/prefetch.js';
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

const STAGES = { infer: 'inferring shapes', rules: 'checking the rules' } as const;

export function checkCommand(ctx: CommandContext): Command {
  return new Command('check')
    .description('validate a model against the ONNX spec and infer the type and shape of every value')
    .argument('<model>', 'path to a .onnx file')
    .option('--json', 'print one JSON document (schema onnx-cli/check@1)')
    .option('--strict', 'an inference failure is an error, not a warning')
    .option('--shapes', 'also list the type and shape of every value')
    .option('-o, --output <file>', 'write the model with value_info filled from inference')
    .option('--in-place', 'allow -o to overwrite the input')
    .action(async (file: string, opts: CheckOpts, cmd: Command) => {
      const out = makeOutput(ctx.io, cmd.optsWithGlobals());
      const input = resolvePath(ctx, file);
      if (opts.output) guardOutput(input, resolvePath(ctx, opts.output), !!opts.inPlace);
      const contents = await takePrefetched(input);
      const { report, result } = await out.withProgress((progress) => {
        const loaded = loadWithProgress(progress, input, file, { checkExternal: false, contents });
        let stage: keyof typeof STAGES | undefined;
        const result = checkModel(loaded.model, {
          strict: !!opts.strict,
          apply: !!opts.output,
          loadDiagnostics: loaded.diagnostics,
          onProgress: (s, done, total) => {
            if (s !== stage) progress.step(STAGES[(stage = s)], { total });
            progress.update(done, total);
          },
        });
        const report = buildCheckReport(loaded.model, file, result, { shapes: !!opts.shapes });
        if (opts.output && result.valid) {
          progress.step(`writing ${opts.output}`, { unit: 'bytes' });
          saveModel(loaded.model, resolvePath(ctx, opts.output), { onProgress: (done, total) => progress.update(done, total) });
          report.output = opts.output;
        }
        return { report, result };
      });
      await out.render(report, { text: formatCheck, view: () => import('./views/CheckView.js'), plainJson: true });
      if (!result.valid) {
        const unreadable = result.diagnostics.some((d) => d.code === 'E_EXTERNAL_MISSING' || d.code === 'E_EXTERNAL_RANGE');
        ctx.setExit(unreadable ? ExitCode.INPUT : ExitCode.FINDINGS);
        if (opts.output) out.warn(`not writing ${opts.output}: the model is invalid`);
      }
    });
}
