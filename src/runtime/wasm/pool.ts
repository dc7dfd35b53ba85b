/**
 * Worker threads that run kernels on the shared WebAssembly memory. Each worker instantiates
 * the same module over the same memory and sleeps in Atomics.wait on a control block (in that
 * memory); a dispatch writes one job per worker, bumps the generation and wakes them, runs the
 * main thread's share, then waits for the pending count to reach zero.
 */
import type { Worker } from 'node:worker_threads';
import { workerThreads } from '../../util/builtins.js';
import { OnnxError } from '../../util/errors.js';

/** Control block layout (int32 slots). */
const GEN = 0;
const PENDING = 1;
const READY = 2;
const JOBS = 16;
const JOB_SLOTS = 8;
export const CONTROL_BYTES = (JOBS + 64 * JOB_SLOTS) * 4;

/** One thread's share of a dispatch: kernel `fn` over work units [begin, end). */
export interface Job {
  fn: number;
  params: number;
  begin: number;
  end: number;
  scratch: number;
}

// The worker's program (CommonJS, evaluated): no imports from this package.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, names, control, index, generation } = workerData;
const exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
const fns = names.map((n) => exports[n]);
const ctl = new Int32Array(memory.buffer, control, ${JOBS + 64 * JOB_SLOTS});
const job = ${JOBS} + index * ${JOB_SLOTS};
let gen = generation;
Atomics.add(ctl, ${READY}, 1);
Atomics.notify(ctl, ${READY});
for (;;) {
  Atomics.wait(ctl, ${GEN}, gen);
  gen = Atomics.load(ctl, ${GEN});
  if (gen < 0) break;
  let status = 0;
  const begin = ctl[job + 2];
  const end = ctl[job + 3];
  if (begin < end) {
    try {
      fns[ctl[job]](ctl[job + 1], begin, end, ctl[job + 4]);
    } catch (e) {
      status = 1;
    }
  }
  ctl[job + 5] = status;
  if (Atomics.sub(ctl, ${PENDING}, 1) === 1) Atomics.notify(ctl, ${PENDING});
}
`;

export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly ctl: Int32Array;

  constructor(
    private readonly module: WebAssembly.Module,
    private readonly memory: WebAssembly.Memory,
    private readonly names: readonly string[],
    private readonly control: number,
  ) {
    this.ctl = new Int32Array(memory.buffer, control, JOBS + 64 * JOB_SLOTS);
  }

  get size(): number {
    return this.workers.length;
  }

  /** Starts workers until there are `n`; returns how many are ready (fewer if some failed to start). */
  ensure(n: number): number {
    const want = Math.min(n, 64);
    const before = this.workers.length;
    if (want <= before) return before;
    for (let i = before; i < want; i++) {
      const w = new (workerThreads().Worker)(WORKER_SOURCE, {
        eval: true,
        workerData: { module: this.module, memory: this.memory, names: this.names, control: this.control, index: i, generation: Atomics.load(this.ctl, GEN) },
      });
      w.unref();
      // A worker that dies is never used again (the dispatch would hang on it).
      w.on('error', () => undefined);
      this.workers.push(w);
    }
    // Wait (bounded) until the new workers have instantiated the module.
    const deadline = Date.now() + 10_000;
    let ready = Atomics.load(this.ctl, READY);
    while (ready < want && Date.now() < deadline) {
      Atomics.wait(this.ctl, READY, ready, 50);
      ready = Atomics.load(this.ctl, READY);
    }
    if (ready < want) {
      for (const w of this.workers.splice(ready)) void w.terminate();
    }
    return this.workers.length;
  }

  /**
   * Runs `jobs[0]` on the calling thread and jobs[1..] on workers 0.. (at most `size` of them),
   * returning when all are done. `runLocal` calls the main thread's instance.
   */
  run(jobs: readonly Job[], runLocal: (job: Job) => void): void {
    const ctl = this.ctl;
    const n = this.workers.length;
    for (let w = 0; w < n; w++) {
      const j = jobs[w + 1];
      const base = JOBS + w * JOB_SLOTS;
      if (j) {
        ctl[base] = j.fn;
        ctl[base + 1] = j.params;
        ctl[base + 2] = j.begin;
        ctl[base + 3] = j.end;
        ctl[base + 4] = j.scratch;
      } else {
        ctl[base + 2] = 0;
        ctl[base + 3] = 0;
      }
    }
    Atomics.store(ctl, PENDING, n);
    Atomics.add(ctl, GEN, 1);
    Atomics.notify(ctl, GEN);
    let local: unknown;
    try {
      runLocal(jobs[0]!);
    } catch (e) {
      local = e;
    }
    // Brief spin (the workers are usually done within microseconds of us), then sleep.
    let pending = Atomics.load(ctl, PENDING);
    for (let spin = 0; pending !== 0 && spin < 2000; spin++) pending = Atomics.load(ctl, PENDING);
    while (pending !== 0) {
      Atomics.wait(ctl, PENDING, pending, 1000);
      pending = Atomics.load(ctl, PENDING);
    }
    if (local) throw local;
    for (let w = 0; w < n; w++) {
      if (ctl[JOBS + w * JOB_SLOTS + 5] !== 0) throw new OnnxError('E_INTERNAL', `a wasm kernel failed in worker ${w}`);
    }
  }
}
