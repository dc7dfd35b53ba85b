/**
 * The WebAssembly kernel engine of a process: one shared memory, the kernel module (SIMD128,
 * or relaxed SIMD on request when the engine supports it) instantiated on it, a heap over it,
 * and worker threads on the same memory. Created on first use; `wasmEngine()` returns
 * undefined where WebAssembly SIMD or shared memory is missing (the reference kernels run then).
 */
import os from 'node:os';
import { v8 } from '../../util/builtins.js';
import { KERNELS_RELAXED, KERNELS_SIMD128 } from './kernels-binary.js';
import { WasmHeap } from './heap.js';
import { CONTROL_BYTES, WorkerPool, type Job } from './pool.js';

/** The parallel kernels of the module, by their index in the dispatch table. */
export const KERNEL_NAMES = ['gemm', 'unary', 'binary', 'softmax', 'layernorm', 'instnorm', 'channel_affine', 'reduce_rows', 'window2d', 'lstm_cell', 'pad_planes', 'transpose', 'lstm_step', 'winograd'] as const;
export type KernelName = (typeof KERNEL_NAMES)[number];

type ParallelFn = (params: number, begin: number, end: number, scratch: number) => void;

export interface KernelExports {
  gemm_pack_a(src: number, lda: number, trans: number, M: number, K: number, dst: number, alpha: number): void;
  gemm_pack_b(src: number, ldb: number, trans: number, K: number, N: number, dst: number): void;
  gemm_packed_a_size(M: number, K: number): number;
  gemm_packed_b_size(K: number, N: number): number;
  gemm_scratch_bytes(): number;
  depthwise3x3_scratch_bytes(OW: number, SW: number): number;
  lstm_seq(params: number): void;
  winograd_region_bytes(n: number, C: number, M: number, tb: number): number;
}

export type SimdVariant = 'simd128' | 'relaxed';

/** The first 64 KiB hold the module's own static data. */
const HEAP_BASE = 65536;
/** 4 GiB: the whole 32-bit address space (reserved, not committed). */
const MAX_PAGES = 65536;
const PARAM_BLOCK_BYTES = 256;
const PARAM_BLOCKS = 16;

function decode(b64: string): Uint8Array {
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

export class WasmEngine {
  readonly memory: WebAssembly.Memory;
  readonly exports: KernelExports;
  readonly heap: WasmHeap;
  private readonly fns: ParallelFn[];
  private readonly buffers = new WeakSet<ArrayBufferLike>();
  private pool?: WorkerPool;
  private readonly scratch: number[] = [];
  /** Bytes of each thread's scratch block. */
  readonly scratchBytes: number;
  private readonly paramBlocks: { ptr: number; i32: Int32Array; f32: Float32Array }[] = [];
  private nextParam = 0;
  private readonly fnIndex = new Map<string, number>(KERNEL_NAMES.map((n, i) => [n, i]));
  private control = 0;
  /** Threads available to one dispatch (the calling thread included). */
  readonly cores = Math.max(1, os.availableParallelism());

  constructor(
    readonly variant: SimdVariant,
    private readonly module: WebAssembly.Module,
  ) {
    this.memory = new WebAssembly.Memory({ initial: 64, maximum: MAX_PAGES, shared: true });
    const inst = new WebAssembly.Instance(module, { env: { memory: this.memory } });
    const ex = inst.exports as unknown as KernelExports & Record<KernelName, ParallelFn>;
    this.exports = ex;
    this.fns = KERNEL_NAMES.map((n) => ex[n]);
    this.heap = new WasmHeap(this.memory, HEAP_BASE, MAX_PAGES * 65536);
    this.scratchBytes = ex.gemm_scratch_bytes();
    const base = this.heap.alloc(PARAM_BLOCK_BYTES * PARAM_BLOCKS);
    // Views on a shared memory stay valid when it grows: made once.
    for (let i = 0; i < PARAM_BLOCKS; i++) {
      const ptr = base + i * PARAM_BLOCK_BYTES;
      const i32 = this.i32(ptr, PARAM_BLOCK_BYTES / 4);
      this.paramBlocks.push({ ptr, i32, f32: new Float32Array(i32.buffer, ptr, PARAM_BLOCK_BYTES / 4) });
    }
  }

  /** The memory's current buffer (remembered, so that views on it are recognized). */
  get buffer(): SharedArrayBuffer {
    const b = this.memory.buffer as unknown as SharedArrayBuffer;
    this.buffers.add(b);
    return b;
  }

  f32(ptr: number, length: number): Float32Array {
    return new Float32Array(this.buffer, ptr, length);
  }

  i32(ptr: number, length: number): Int32Array {
    return new Int32Array(this.buffer, ptr, length);
  }

  /** Whether a typed array is a view of this engine's memory. */
  owns(a: ArrayBufferView): boolean {
    return this.buffers.has(a.buffer);
  }

  alloc(bytes: number): number {
    return this.heap.alloc(bytes);
  }

  release(ptr: number): void {
    this.heap.release(ptr);
  }

  /**
   * A parameter block for the next kernel call (int32 and float32 views of the same 64 slots).
   * Blocks rotate, so one stays valid while a few later calls are prepared.
   */
  params(): { ptr: number; i32: Int32Array; f32: Float32Array } {
    const block = this.paramBlocks[this.nextParam++ % PARAM_BLOCKS]!;
    block.i32.fill(0);
    return block;
  }

  /** Scratch of thread `t` (GEMM blocks and tile spill). */
  scratchOf(t: number): number {
    while (this.scratch.length <= t) this.scratch.push(this.heap.alloc(this.scratchBytes));
    return this.scratch[t]!;
  }

  /**
   * Runs kernel `name` over work units [0, units) on up to `threads` threads: contiguous,
   * nearly equal ranges of units, the calling thread taking the first.
   */
  run(name: KernelName, params: number, units: number, threads = 1): void {
    const fn = this.fnIndex.get(name)!;
    const t = Math.max(1, Math.min(threads, units, this.cores));
    if (t === 1) {
      this.fns[fn]!(params, 0, units, this.scratchOf(0));
      return;
    }
    const pool = this.workers(t - 1);
    const n = Math.min(t, pool.size + 1);
    const jobs: Job[] = [];
    for (let i = 0; i < n; i++) {
      jobs.push({ fn, params, begin: Math.floor((units * i) / n), end: Math.floor((units * (i + 1)) / n), scratch: this.scratchOf(i) });
    }
    if (n === 1) {
      this.fns[fn]!(params, 0, units, jobs[0]!.scratch);
      return;
    }
    pool.run(jobs, (j) => this.fns[j.fn]!(j.params, j.begin, j.end, j.scratch));
  }

  /** The worker pool with at least `n` workers (fewer if they cannot start). */
  private workers(n: number): WorkerPool {
    if (!this.pool) {
      this.control = this.heap.alloc(CONTROL_BYTES);
      this.i32(this.control, CONTROL_BYTES / 4).fill(0);
      this.pool = new WorkerPool(this.module, this.memory, KERNEL_NAMES, this.control);
    }
    if (this.pool.size < n) this.pool.ensure(n);
    return this.pool;
  }
}

const engines = new Map<SimdVariant, WasmEngine | null>();

/** Whether relaxed SIMD can be compiled here (after enabling it in V8, which Node 20 needs). */
function relaxedModule(): WebAssembly.Module | undefined {
  const bytes = decode(KERNELS_RELAXED);
  try {
    if (!WebAssembly.validate(bytes)) {
      v8().setFlagsFromString('--experimental-wasm-relaxed-simd');
      if (!WebAssembly.validate(bytes)) return undefined;
    }
    return new WebAssembly.Module(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The process's engine for a variant: `relaxed` falls back to SIMD128 when the engine cannot
 * compile relaxed SIMD. Undefined when WebAssembly SIMD or shared memory is unavailable.
 */
export function wasmEngine(variant: SimdVariant = 'simd128'): WasmEngine | undefined {
  const cached = engines.get(variant);
  if (cached !== undefined) return cached ?? undefined;
  let engine: WasmEngine | null = null;
  try {
    if (typeof WebAssembly === 'object' && typeof SharedArrayBuffer === 'function') {
      if (variant === 'relaxed') {
        const m = relaxedModule();
        engine = m ? new WasmEngine('relaxed', m) : (wasmEngine('simd128') ?? null);
      } else {
        const bytes = decode(KERNELS_SIMD128);
        if (WebAssembly.validate(bytes)) engine = new WasmEngine('simd128', new WebAssembly.Module(bytes));
      }
    }
  } catch {
    engine = null;
  }
  engines.set(variant, engine);
  return engine ?? undefined;
}
