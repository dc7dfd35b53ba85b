import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { drawModel, mayUseGraphviz, type DrawFormat, type LayoutChoice } from '../src/draw/draw.js';
import { GraphvizWorker } from '../src/draw/graphviz.js';
import { findFonts } from '../src/draw/png.js';
import type { CollapseMode } from '../src/draw/collapse.js';
import { buildDrawReport } from '../src/report/draw.js';
import { OnnxError } from '../src/util/errors.js';
import { writeFileAtomic } from '../src/io/atomic-write.js';
import { resolvePath, type CommandContext } from './shared/context.js';
import { loadWithProgress } from './shared/load.js';
import { makeOutput } from './shared/output.js';
import { guardOutput } from './shared/write.js';
import { formatDraw } from './text/draw.js';

interface DrawOpts {
  output?: string;
  format?: DrawFormat;
  rankdir: 'TB' | 'LR';
  hideNames?: boolean;
  hideShapes?: boolean;
  hideInitializers?: boolean;
  collapse: CollapseMode;
  depth?: string;
  around?: string;
  radius: string;
  layout: LayoutChoice;
  timeout?: string;
  json?: boolean;
  color?: boolean;
}

const FORMATS: readonly DrawFormat[] = ['dot', 'svg', 'html', 'png'];

function formatOf(output: string, given: DrawFormat | undefined): DrawFormat {
  if (given) return given;
  const ext = path.extname(output).slice(1).toLowerCase();
  if (ext === 'htm') return 'html';
  if ((FORMATS as readonly string[]).includes(ext)) return ext as DrawFormat;
  throw new OnnxError('E_USAGE', `-o expects a file ending in .dot, .svg, .html or .png, found "${output}"`, {
    hint: 'or give the format with --format svg',
  });
}

function count(name: string, v: string, min: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new OnnxError('E_USAGE', `${name} expects a whole number >= ${min}, found "${v}"`);
  return n;
}

export function drawCommand(ctx: CommandContext): Command {
  return new Command('draw')
    .description('draw the graph: DOT, SVG (Graphviz in WebAssembly), PNG, or an HTML viewer to pan, zoom and search')
    .argument('<model>', 'path to a .onnx file')
    .option('-o, --output <file>', 'picture to write: .svg, .html, .png or .dot')
    .addOption(new Option('--format <format>', 'output format (default: from the -o extension)').choices(FORMATS))
    .addOption(new Option('--rankdir <dir>', 'direction of the flow').choices(['TB', 'LR']).default('TB'))
    .option('--hide-names', 'show op types only, not node names')
    .option('--hide-shapes', 'no dtype/shape labels on edges or initializers')
    .option('--hide-initializers', 'do not list initializers inside their node')
    .addOption(
      new Option('--collapse <mode>', 'collapse into boxes: auto (big pictures only), scope (name scopes), blocks (repeated structure), none')
        .choices(['auto', 'scope', 'blocks', 'none'])
        .default('auto'),
    )
    .option('--depth <n>', 'name-scope depth to collapse at (--collapse scope; default 2)')
    .option('--around <node>', 'draw only the neighbourhood of this node (or value)')
    .option('--radius <k>', 'with --around: how many edges away to go', '3')
    .addOption(new Option('--layout <engine>', 'layout: auto (Graphviz for small pictures), dot, layered').choices(['auto', 'dot', 'layered']).default('auto'))
    .option('--timeout <seconds>', 'give up on a Graphviz layout after this long (exit 4)')
    .option('--json', 'print one JSON document (schema onnx-cli/draw@1)')
    .action(async (file: string, opts: DrawOpts, cmd: Command) => {
      const started = performance.now();
      const global = cmd.optsWithGlobals<DrawOpts>();
      const out = makeOutput(ctx.io, global);
      if (!opts.output) {
        throw new OnnxError('E_USAGE', 'draw needs -o OUT.svg (or .html, .png, .dot)', { hint: 'onnx draw model.onnx -o model.svg' });
      }
      const format = formatOf(opts.output, opts.format);
      const depth = opts.depth === undefined ? undefined : count('--depth', opts.depth, 1);
      const radius = count('--radius', opts.radius, 0);
      const timeout = opts.timeout === undefined ? undefined : count('--timeout', opts.timeout, 1);
      const input = resolvePath(ctx, file);
      const target = resolvePath(ctx, opts.output);
      guardOutput(input, target, false);
      // Graphviz's WebAssembly loads in its worker while the model is read.
      const graphviz = mayUseGraphviz(format, opts.layout) ? new GraphvizWorker() : undefined;
      let report;
      try {
        report = await out.withProgress(async (progress) => {
          const loadStarted = performance.now();
          const loaded = loadWithProgress(progress, input, file, { checkExternal: false });
          const loadMs = performance.now() - loadStarted;
          for (const w of loaded.warnings) out.warn(w);
          let stage = '';
          const result = await drawModel(loaded.model, {
            format,
            rankdir: opts.rankdir,
            hideNames: !!opts.hideNames,
            hideShapes: !!opts.hideShapes,
            hideInitializers: !!opts.hideInitializers,
            collapse: opts.collapse,
            ...(depth !== undefined ? { depth } : {}),
            ...(opts.around !== undefined ? { around: opts.around, radius } : {}),
            layout: opts.layout,
            ...(timeout !== undefined ? { timeoutMs: timeout * 1000 } : {}),
            title: path.basename(file),
            onProgress: (_stage, detail, done, total) => {
              if (detail !== stage) progress.step((stage = detail), total !== undefined ? { total } : {});
              if (done !== undefined) progress.update(done, total);
            },
            ...(graphviz ? { graphviz } : {}),
            ...(format === 'png' ? { fonts: findFonts(ctx.io.env) } : {}),
          });
          progress.step(`writing ${opts.output}`);
          writeFileAtomic(target, result.content);
          for (const w of result.warnings) out.warn(w);
          const bytes = fs.statSync(target).size;
          return buildDrawReport(result, { path: file, output: opts.output!, bytes, loadMs, totalMs: performance.now() - started });
        });
      } finally {
        graphviz?.close();
      }
      await out.render(report, { text: formatDraw, view: () => import('./views/DrawView.js') });
    });
}
