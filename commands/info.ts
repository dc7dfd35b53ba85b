import { Command } from 'commander';
import { modelFlops } from '../src/infer/flops.js';
import { inferModel } from '../src/infer/infer-shapes.js';
import { buildInfoReport } from '../src/report/info.js';
import { resolvePath, type CommandContext } from './shared/context.js';
import { loadWithProgress } from './shared/load.js';
import { makeOutput } from './shared/output.js';
import { formatInfo } from './text/info.js';

export function infoCommand(ctx: CommandContext): Command {
  return new Command('info')
    .description('summarize a model: I/O, opsets, op histogram, parameters, FLOPs')
    .argument('<model>', 'path to a .onnx file')
    .option('--json', 'print one JSON document (schema onnx-cli/info@1)')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const out = makeOutput(ctx.io, cmd.optsWithGlobals());
      const report = await out.withProgress((progress) => {
        const loaded = loadWithProgress(progress, resolvePath(ctx, file), file);
        for (const w of loaded.warnings) out.warn(w);
        progress.step('inferring shapes', { total: loaded.model.graph.nodes.length });
        const inferred = inferModel(loaded.model, { apply: false, onProgress: (done, total) => progress.update(done, total) });
        const flops = modelFlops(loaded.model, { types: inferred.types });
        return buildInfoReport(loaded, file, { flops: flops.total, flopsByOp: flops.byOp, flopsAssumptions: flops.assumptions });
      });
      await out.render(report, { text: formatInfo, view: () => import('./views/InfoView.js') });
    });
}
