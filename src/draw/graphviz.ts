/**
 * Graphviz (compiled to WebAssembly by @hpcc-js/wasm) run in a worker thread: dot's recursion
 * overflows the default JS stack at ~2,500 nodes, and a worker can be given a large stack and
 * be stopped when it takes too long.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { OnnxError, messageOf } from '../util/errors.js';

export interface GraphvizOptions {
  /** Layout format: 'svg' (default), or 'json' for positions. */
  format?: 'svg' | 'json';
  /** Stops the layout after this long (E_TOO_LARGE); none by default. */
  timeoutMs?: number;
  stackSizeMb?: number;
}

/**
 * The ESM build of the graphviz module. Its CommonJS build requires a package that is not
 * installed (@hpcc-js/wasm-graphviz), so the ESM file beside it is imported instead.
 */
function graphvizModuleUrl(): string {
  const cjs = createRequire(import.meta.url).resolve('@hpcc-js/wasm/graphviz');
  return pathToFileURL(cjs.replace(/\.cjs$/, '.js')).href;
}

// Runs in the worker (CommonJS eval context: require is there, and import() loads the ESM build).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.url)
  .then(({ Graphviz }) => Graphviz.load())
  .then((gv) => parentPort.postMessage({ ok: true, text: gv.layout(workerData.dot, workerData.format, 'dot') }))
  .catch((e) => parentPort.postMessage({ ok: false, error: String(e && e.message || e) }));
`;

/** Lays out DOT text with Graphviz's dot engine; resolves to SVG (or JSON) text. */
export function runGraphviz(dot: string, opts: GraphvizOptions = {}): Promise<string> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { url: graphvizModuleUrl(), dot, format: opts.format ?? 'svg' },
    resourceLimits: { stackSizeMb: opts.stackSizeMb ?? 512 },
    stdout: true,
    stderr: true,
  });
  // Graphviz warnings are not ours to print; drain them.
  worker.stdout.resume();
  worker.stderr.resume();
  return new Promise<string>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const finish = (f: () => void): void => {
      if (timer) clearTimeout(timer);
      void worker.terminate();
      f();
    };
    if (opts.timeoutMs) {
      timer = setTimeout(
        () =>
          finish(() =>
            reject(
              new OnnxError('E_TOO_LARGE', `Graphviz did not finish the layout within ${Math.round(opts.timeoutMs! / 1000)} s`, {
                hint: 'use --layout layered, --collapse scope, or --around NODE for a smaller picture',
              }),
            ),
          ),
        opts.timeoutMs,
      );
    }
    worker.once('message', (m: { ok: boolean; text?: string; error?: string }) =>
      finish(() => (m.ok ? resolve(m.text!) : reject(new OnnxError('E_INTERNAL', `Graphviz failed: ${m.error}`)))),
    );
    worker.once('error', (e) =>
      finish(() =>
        reject(
          new OnnxError('E_TOO_LARGE', `Graphviz could not lay out the graph: ${messageOf(e)}`, {
            hint: 'use --layout layered for big graphs',
          }),
        ),
      ),
    );
    worker.once('exit', (code) => finish(() => reject(new OnnxError('E_INTERNAL', `the Graphviz worker stopped (exit code ${code})`))));
  });
}
