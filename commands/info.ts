import { Command } from 'commander';
import { concreteInputs, modelFlops } from '../src/infer/flops.js';
import { loadModel } from '../src/io/load.js';
import { buildInfoReport } from '../src/report/info.js';
import { resolvePath, type CommandContext } from './shared/context.js';
import { makeOutput } from './shared/output.js';
import { collect, parseShapeFlags } from './shared/args.js';
import { formatInfo } from './text/info.js';

export function infoCommand(ctx: CommandContext): Command {
  return new Command('info')
    .description('summarize a model: I/O, opsets, op histogram, parameters, FLOPs')
    .argument('<model>', 'path to a .onnx file')
    .option('--json', 'print one JSON document (schema onnx-cli/info@1)')
    .option('--shape <spec>', 'input shape for FLOPs (NAME=1,3,224,224) or size of a symbolic dim (batch=8); repeatable', collect)
    .action((file: string, opts: { shape?: string[] }, cmd: Command) => {
      const out = makeOutput(ctx.io, cmd.optsWithGlobals());
      const loaded = loadModel(resolvePath(ctx, file));
      for (const w of loaded.warnings) out.warn(w);
      // FLOPs on concrete input shapes: --shape sizes, else 1 for each symbolic dim (reported).
      const { inputTypes, assumptions } = concreteInputs(loaded.model, parseShapeFlags(opts.shape));
      const flops = modelFlops(loaded.model, { inputTypes });
      out.render(buildInfoReport(loaded, file, { flops: flops.total, flopsByOp: flops.byOp, flopsAssumptions: assumptions }), formatInfo);
    });
}
