/**
 * `onnx edit MODEL -o OUT [edits...]`: scripted graph surgery. Edits apply in the order given
 * (flags and --script files alike); the result is re-inferred and validated, and written only
 * when valid. The work is src/edit/; the text is commands/text/edit.ts.
 */
import { Command } from 'commander';
import { editModel } from '../src/edit/edit-model.js';
import type { EditStage } from '../src/edit/session.js';
import { readTensorFile } from '../src/edit/tensor-source.js';
import type { Model } from '../src/ir/model.js';
import { loadModel } from '../src/io/load.js';
import { saveModel, type SaveOptions } from '../src/io/save.js';
import { buildEditReport } from '../src/report/edit.js';
import { OnnxError } from '../src/util/errors.js';
import { EDIT_FLAGS, PARAM_FLAGS, editsFromFlags, type FlagUse } from './edit-args.js';
import { resolvePath, type CommandContext } from './shared/context.js';
import { ExitCode } from './shared/exit-codes.js';
import { loadWithProgress } from './shared/load.js';
import { makeOutput } from './shared/output.js';
import { guardOutput } from './shared/write.js';
import { formatEdit } from './text/edit.js';

const EDIT_STAGES: Record<EditStage, string> = {
  prepare: 'inferring shapes',
  edit: 'applying edits',
  infer: 're-inferring shapes',
  validate: 'validating',
};

interface EditFlags {
  output?: string;
  inPlace?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

/** Saving over the input keeps its external data file name, so no stale data file is left behind. */
function externalLocation(model: Model): SaveOptions {
  const locations = new Set<string>();
  for (const g of model.graph.allGraphs()) for (const v of g.initializers.values()) if (v.constValue?.externalRef) locations.add(v.constValue.externalRef.location);
  return locations.size === 1 ? { location: [...locations][0]! } : {};
}

export function editCommand(ctx: CommandContext): Command {
  const uses: FlagUse[] = [];
  const cmd = new Command('edit')
    .description('graph surgery from flags or a JSON script: rename, reshape, extract, add/remove outputs and nodes, merge; validated before writing')
    .argument('<model>', 'path to a .onnx file')
    .option('-o, --output <file>', 'where to write the edited model')
    .option('--in-place', 'overwrite the input model (or allow -o to name it)')
    .option('--dry-run', 'apply and validate the edits, print what changes, write nothing')
    .option('--json', 'print one JSON document (schema onnx-cli/edit@1)')
    .option('--script <file.json>', 'edits from a JSON file: [{"op": "rename", "from": "a", "to": "b"}, ...] (docs/edit.md)')
    .option('--rename <old=new>', 'rename a value (everywhere) and/or a node')
    .option('--prefix <prefix>', 'prefix every value and node name')
    .option('--set-shape <name=dims>', 'shape of a graph input or output: 1,3,224,224 or N,3,H,W (? = unknown)')
    .option('--set-batch <n>', 'first dim of every graph input and output: a size or a symbol (N)')
    .option('--set-dtype <name=dtype>', 'element type of a graph input (float16, float32, int64 ...)')
    .option('--extract', 'keep only the subgraph between --inputs and --outputs')
    .option('--inputs <names>', 'with --extract: where the subgraph starts (any values; default: the graph inputs it needs)')
    .option('--outputs <names>', 'with --extract: the values it computes')
    .option('--add-output <name>', 'make a value a graph output ("all": every computed value)')
    .option('--remove-output <name>', 'stop exposing a graph output')
    .option('--remove-input <name>', 'remove an unused graph input')
    .option('--remove-node <name>', 'remove a node, handing its data input to its consumers')
    .option('--insert-node <spec>', "add a node: 'Op:inputs=a,b[:outputs=y][:name=n][:rewire[=a]][:attr=value...]'")
    .option('--set-attr <node.attr=value>', 'set an attribute, read by its kind (int, float, string, ints 1,2,3, floats, @tensor-file)')
    .option('--delete-attr <node.attr>', 'delete an attribute')
    .option('--set-initializer <name=file>', 'replace an initializer (or freeze an input) with a tensor file (.npy .npz .pb .json)')
    .option('--set-opset <[domain=]version>', 'opset import of a domain (nodes are not converted)')
    .option('--set-producer <name[:version]>', 'producer name and version')
    .option('--set-doc <text>', "the model's doc string")
    .option('--set-metadata <key=value>', 'set a metadata property')
    .option('--delete-metadata <key>', 'delete a metadata property')
    .option('--merge <model>', 'append another model, fed by --connect')
    .option('--connect <out=in,...>', "with --merge: this model's values feeding the other model's inputs")
    .option('--merge-prefix <prefix>', "with --merge: prefix for the other model's names")
    .option('--cleanup', 'remove dead nodes, unused initializers and inputs; sort topologically')
    .addHelpText(
      'after',
      [
        '',
        'Edits apply in the order given. Examples:',
        '  onnx edit model.onnx -o out.onnx --set-batch N',
        '  onnx edit model.onnx -o head.onnx --extract --inputs /Flatten_output_0 --outputs probs',
        '  onnx edit model.onnx -o debug.onnx --add-output /Relu_output_0 --dry-run',
        '  onnx edit model.onnx -o out.onnx --script edits.json',
      ].join('\n'),
    )
    .action(async (file: string, flags: EditFlags, command: Command) => {
      const out = makeOutput(ctx.io, command.optsWithGlobals());
      const input = resolvePath(ctx, file);
      const edits = editsFromFlags(uses, { cwd: ctx.io.cwd });
      if (edits.length === 0) throw new OnnxError('E_USAGE', 'no edits given', { hint: 'e.g. --set-batch N, --rename old=new, --script edits.json (onnx edit --help lists them)' });
      const target = flags.output ? resolvePath(ctx, flags.output) : flags.inPlace ? input : undefined;
      if (!target && !flags.dryRun) throw new OnnxError('E_USAGE', 'say where to write the edited model', { hint: 'give -o OUT, --in-place, or --dry-run to only see the changes' });
      if (target) guardOutput(input, target, !!flags.inPlace);
      const { report, result } = await out.withProgress((progress) => {
        const loaded = loadWithProgress(progress, input, file);
        for (const w of loaded.warnings) out.warn(w);
        const saveOpts = target === input ? externalLocation(loaded.model) : {};
        let stage: EditStage | undefined;
        const result = editModel(loaded.model, edits, {
          readTensor: (f) => readTensorFile(resolvePath(ctx, f), f),
          loadModel: (f) => loadModel(resolvePath(ctx, f), { loadExternal: true }).model,
          onProgress: (s, done, total) => {
            if (s !== stage) progress.step(EDIT_STAGES[(stage = s)], { total });
            progress.update(done, total);
          },
        });
        let written: string | null = null;
        if (result.valid && target && !flags.dryRun) {
          progress.step(`writing ${flags.output ?? file}`, { unit: 'bytes' });
          saveModel(loaded.model, target, { ...saveOpts, onProgress: (done, total) => progress.update(done, total) });
          written = flags.output ?? file;
        }
        return { report: buildEditReport(loaded.model, file, result, { output: written, dryRun: !!flags.dryRun }), result };
      });
      await out.render(report, { text: formatEdit, view: () => import('./views/EditView.js') });
      if (!result.valid) {
        ctx.setExit(ExitCode.FINDINGS);
        if (target && !flags.dryRun) out.warn(`not writing ${flags.output ?? file}: the edited model is invalid`);
      }
    });
  // commander reports each occurrence of an option as an event, in command-line order.
  for (const flag of [...EDIT_FLAGS, ...Object.keys(PARAM_FLAGS)]) cmd.on(`option:${flag}`, (value?: string) => uses.push({ flag, value }));
  return cmd;
}
