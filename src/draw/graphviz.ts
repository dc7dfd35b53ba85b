/**
 * Graphviz (compiled to WebAssembly by @hpcc-js/wasm) run in a worker thread: dot's recursion
 * overflows the default JS stack at ~2,500 nodes, and a worker can be given a large stack, be
 * stopped when it takes too long, and load the WebAssembly (~0.5 s) while the main thread is
 * still reading the model.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { workerThreads } from '../util/builtins.js';
import { OnnxError, messageOf } from '../util/errors.js';
import { preferQuickWasmCompile } from './wasm-flags.js';

export interface GraphvizOptions {
  /** Layout format: 'svg' (default), or 'json' for positions. */
  format?: 'svg' | 'json';
  /** Stops the layout after this long (E_TOO_LARGE); none by default. */
  timeoutMs?: number;
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
const ready = import(workerData.url).then(({ Graphviz }) => Graphviz.load());
parentPort.on('message', (job) => {
  ready
    .then((gv) => parentPort.postMessage({ ok: true, text: gv.layout(job.dot, job.format, 'dot') }))
    .catch((e) => parentPort.postMessage({ ok: false, error: String((e && e.message) || e) }));
});
`;

/** A Graphviz worker, loading as soon as it is created. Use it once, or close it. */
export class GraphvizWorker {
  private readonly worker: Worker;
  private used = false;

  constructor(stackSizeMb = 512) {
    preferQuickWasmCompile();
    this.worker = new (workerThreads().Worker)(WORKER_SOURCE, {
      eval: true,
      workerData: { url: graphvizModuleUrl() },
      resourceLimits: { stackSizeMb },
      stdout: true,
      stderr: true,
    });
    // Graphviz warnings are not ours to print; drain them.
    this.worker.stdout.resume();
    this.worker.stderr.resume();
    // An idle worker must not keep the process alive.
    this.worker.unref();
  }

  close(): void {
    void this.worker.terminate();
  }

  /** Lays out DOT text with the dot engine; resolves to SVG (or JSON) text. */
  layout(dot: string, opts: GraphvizOptions = {}): Promise<string> {
    if (this.used) throw new OnnxError('E_INTERNAL', 'a GraphvizWorker lays out one graph');
    this.used = true;
    const worker = this.worker;
    worker.ref();
    return new Promise<string>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (f: () => void): void => {
        if (timer) clearTimeout(timer);
        worker.removeAllListeners();
        this.close();
        f();
      };
      if (opts.timeoutMs) {
        const secs = Math.round(opts.timeoutMs / 1000);
        timer = setTimeout(() => {
          const hint = 'use --layout layered, --collapse scope, or --around NODE for a smaller picture';
          finish(() => reject(new OnnxError('E_TOO_LARGE', `Graphviz did not finish the layout within ${secs} s`, { hint })));
        }, opts.timeoutMs);
      }
      worker.once('message', (m: { ok: boolean; text?: string; error?: string }) =>
        finish(() => (m.ok ? resolve(m.text!) : reject(new OnnxError('E_INTERNAL', `Graphviz failed: ${m.error}`)))),
      );
      worker.once('error', (e) => {
        const hint = 'use --layout layered for big graphs';
        finish(() => reject(new OnnxError('E_TOO_LARGE', `Graphviz could not lay out the graph: ${messageOf(e)}`, { hint })));
      });
      worker.once('exit', (code) => finish(() => reject(new OnnxError('E_INTERNAL', `the Graphviz worker stopped (exit code ${code})`))));
      worker.postMessage({ dot, format: opts.format ?? 'svg' });
    });
  }
}

/** Lays out DOT text in a fresh worker. */
export function runGraphviz(dot: string, opts: GraphvizOptions = {}): Promise<string> {
  return new GraphvizWorker().layout(dot, opts);
}
