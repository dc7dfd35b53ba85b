/**
 * The weights of a (not depthwise) Conv in the layouts its paths read: packed GEMM A operands
 * per group, or Winograd filters of each variant. Each is made on first use and kept for
 * the session, so that a model whose spatial dims are only known at run time still takes the
 * path that suits each size it runs at; a static size prepares its one layout up front.
 */
import { withTemp } from './util.js';
import { prepareWinograd, type WinogradFilters, type WinogradPlan } from './conv-winograd.js';
import type { FastNodeInfo } from './types.js';

export class ConvWeights {
  private gemmPacked?: number;
  private readonly winogradFilters = new Map<string, WinogradFilters>();
  /** Floats of one group's packed A. */
  readonly packedSize: number;

  /**
   * @param folded computes the M x (C/group * KH * KW) weights with any BatchNormalization
   * folded in (called once per layout: the model keeps the originals, so no copy is held).
   */
  constructor(
    private readonly info: FastNodeInfo,
    private readonly folded: () => Float32Array,
    private readonly M: number,
    private readonly group: number,
    private readonly K: number,
  ) {
    this.packedSize = info.engine.exports.gemm_packed_a_size(M / group, K);
  }

  /** Address of the packed A operands of the groups (packedSize floats apart). */
  gemm(): number {
    if (this.gemmPacked === undefined) {
      const e = this.info.engine;
      const Mg = this.M / this.group;
      const p = this.info.keep(this.packedSize * this.group * 4);
      withTemp(e, this.folded(), (src) => {
        for (let g = 0; g < this.group; g++) e.exports.gemm_pack_a(src + g * Mg * this.K * 4, this.K, 0, Mg, this.K, p + g * this.packedSize * 4, 1);
      });
      this.gemmPacked = p;
    }
    return this.gemmPacked;
  }

  /** The Winograd filters of a 3x3, one-group convolution for a variant. */
  winograd(plan: WinogradPlan): WinogradFilters {
    const key = `${plan.n}${plan.transposed ? 't' : ''}`;
    let f = this.winogradFilters.get(key);
    if (!f) {
      f = prepareWinograd(this.info, plan, this.folded(), this.M, this.K / 9);
      this.winogradFilters.set(key, f);
    }
    return f;
  }
}
