import { Command } from 'commander';
import { modelFlops } from '../src/infer/flops.js';
import { inferModel } from '../src/infer/infer-shapes.js';
import { loadModel } from '../src/io/load.js';
import { buildInfoReport } from '../src/report/info.js';
import { resolvePath, type CommandContext } from './shared/context.js';
import { makeOutput } from './shared/output.js';
import { formatInfo } from './text/info.js';

export function infoCommand(ctx: CommandContext): Command {
  return new Command('info')
    .description('summarize a model: I/O, opsets, op histogram, parameters, FLOPs')
    .argument('<model>', 'path to a .onnx file')
    .option('--json', 'print one JSON document (schema onnx-cli/info@1)')
    .action((file: string, _opts: unknown, cmd: Command) => {
      const out = makeOutput(ctx.io, cmd.optsWithGlobals());
      const loaded = loadModel(resolvePath(ctx, file));
      for (const w of loaded.warnings) out.warn(w);
      const inferred = inferModel(loaded.model, { apply: false });
      const flops = modelFlops(loaded.model, { types: inferred.types });
      out.render(
        buildInfoReport(loaded, file, { flops: flops.total, flopsByOp: flops.byOp, flopsAssumptions: flops.assumptions }),
        formatInfo,
      );
    });
}
