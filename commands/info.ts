import { Command } from 'commander';
import { concreteInputs, modelFlops } from '../src/infer/flops.js';
import { buildInfoReport } from '../src/report/info.js';
import { resolvePath, type CommandContext } from './shared/context.js';
import { loadWithProgress } from './shared/load.js';
import { takePrefetched } from './shared/prefetch.js';
import { makeOutput } from './shared/output.js';
import { collect, parseShapeFlags } from './shared/args.js';
import { formatInfo } from './text/info.js';

export function infoCommand(ctx: CommandContext): Command {
  return new Command('info')
    .description('summarize a model: I/O, opsets, op histogram, parameters, FLOPs')
    .argument('<model>', 'path to a .onnx file')
    .option('--json', 'print one JSON document (schema onnx-cli/info@1)')
    .option('--shape <spec>', 'input shape for FLOPs (NAME=1,3,224,224) or size of a symbolic dim (batch=8); repeatable', collect)
    .action(async (file: string, opts: { shape?: string[] }, cmd: Command) => {
      const out = makeOutput(ctx.io, cmd.optsWithGlobals());
      const shapes = parseShapeFlags(opts.shape);
      const input = resolvePath(ctx, file);
      const contents = await takePrefetched(input);
      const report = await out.withProgress((progress) => {
        const loaded = loadWithProgress(progress, input, file, { contents });
        for (const w of loaded.warnings) out.warn(w);
        progress.step('inferring shapes', { total: loaded.model.graph.nodes.length });
        // FLOPs on concrete input shapes: --shape sizes, else 1 for each symbolic dim (reported).
        const { inputTypes, assumptions } = concreteInputs(loaded.model, shapes);
        const flops = modelFlops(loaded.model, { inputTypes, onProgress: (done, total) => progress.update(done, total) });
        return buildInfoReport(loaded, file, { flops: flops.total, flopsByOp: flops.byOp, flopsAssumptions: assumptions });
      });
      await out.render(report, { text: formatInfo, view: () => import('./views/InfoView.js') });
    });
}
