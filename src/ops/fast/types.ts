/**
 * Fast kernels: float32 implementations of hot operators on the WebAssembly SIMD engine,
 * chosen per node when a session is created (src/runtime/wasm/fast-plan.ts). The reference
 * kernel of the op stays the definition of its semantics and runs whenever the fast one
 * declines (other dtypes, shapes or attributes it does not cover).
 */
import type { Node } from '../../ir/node.js';
import type { Tensor } from '../../ir/tensor.js';
import type { ValueType } from '../../ir/types.js';
import type { WasmEngine } from '../../runtime/wasm/engine.js';
import type { AttrReader } from '../attr-reader.js';

/** An activation applied to a GEMM or convolution result as it is stored. */
export interface Epilogue {
  /** Clamp to [lo, hi] (Relu: [0, inf], Clip, Relu6). */
  clamp?: readonly [number, number];
  /** GELU (erf form) instead of a clamp. */
  gelu?: boolean;
  /** Per-channel y = x*scale + shift after the product (folded BatchNormalization). */
  affine?: { scale: Float32Array; shift: Float32Array };
  /** A bias over the last axis (MatMul followed by Add of a constant vector). */
  bias?: Float32Array;
  /**
   * A tensor of the output's shape added before the clamp (a residual connection); it is the
   * kernel's extra input number `node.inputs.length`.
   */
  residual?: boolean;
}

/** What a fast kernel factory knows about its node when the session is created. */
export interface FastNodeInfo {
  readonly node: Node;
  readonly opset: number;
  readonly attr: AttrReader;
  readonly engine: WasmEngine;
  /** Static type of each input, when the model or inference knows it. */
  readonly inputTypes: readonly (ValueType | undefined)[];
  /** Constant inputs (initializers and Constant nodes), by input index. */
  readonly constants: readonly (Tensor | undefined)[];
  /** Allocates a block that lives as long as the session (prepacked weights). */
  keep(bytes: number): number;
}

/** What a fast kernel sees while it runs. */
export interface FastRunContext {
  readonly engine: WasmEngine;
  /** Threads the kernel may use (the calling one included). */
  readonly threads: number;
  /** Input i, or undefined when omitted. */
  input(i: number): Tensor | undefined;
  /** Byte address of input i's float32 data in wasm memory (copied in when it lives elsewhere). */
  ptr(i: number): number;
  /** Allocates output i as a float32 tensor of `dims` in the arena; returns its byte address. */
  output(i: number, dims: readonly number[]): number;
  /**
   * Output i written over input `input`'s block when that input has the same size and this node
   * is its last reader (else a new block, as `output`). Only for kernels that read element j of
   * that input before writing element j of the output.
   */
  outputInPlace(i: number, dims: readonly number[], input: number): number;
  /** Scratch bytes valid until the kernel returns. */
  scratch(bytes: number): number;
}

export interface FastKernel {
  /**
   * Runs the node; returns false (having allocated nothing) to leave these inputs to the
   * reference kernel.
   */
  run(ctx: FastRunContext): boolean;
}

/** Creates the fast kernel of a node, or undefined when the node is not covered. */
export type FastFactory = (info: FastNodeInfo, epilogue?: Epilogue) => FastKernel | undefined;

export interface FastOp {
  opType: string;
  create: FastFactory;
  /** Which epilogues the factory accepts when fusing the following node. */
  fuses?: { clamp?: boolean; affine?: boolean; bias?: boolean; residual?: boolean; gelu?: boolean };
}
