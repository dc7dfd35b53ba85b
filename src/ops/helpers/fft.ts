/**
 * Complex FFT of any length, in place on split real/imaginary float64 arrays: iterative radix-2
 * for powers of two, Bluestein's chirp-z (through a power-of-two FFT) otherwise. A plan holds
 * the twiddles of one length and is reused for every line of a tensor.
 */

export interface FftPlan {
  readonly n: number;
  /** Forward transform (sign -1) of re/im in place; `inverse` uses sign +1, without the 1/n scale. */
  run(re: Float64Array, im: Float64Array, inverse: boolean): void;
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

class Radix2Plan implements FftPlan {
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly rev: Uint32Array;
  constructor(readonly n: number) {
    const half = n >> 1;
    this.cos = new Float64Array(half);
    this.sin = new Float64Array(half);
    for (let k = 0; k < half; k++) {
      this.cos[k] = Math.cos((2 * Math.PI * k) / n);
      this.sin[k] = Math.sin((2 * Math.PI * k) / n);
    }
    this.rev = new Uint32Array(n);
    let bits = 0;
    while (1 << bits < n) bits++;
    for (let i = 0; i < n; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.rev[i] = r;
    }
  }
  run(re: Float64Array, im: Float64Array, inverse: boolean): void {
    const n = this.n;
    const rev = this.rev;
    for (let i = 0; i < n; i++) {
      const j = rev[i]!;
      if (j > i) {
        let t = re[i]!;
        re[i] = re[j]!;
        re[j] = t;
        t = im[i]!;
        im[i] = im[j]!;
        im[j] = t;
      }
    }
    const sign = inverse ? 1 : -1;
    for (let size = 2; size <= n; size <<= 1) {
      const half = size >> 1;
      const step = n / size;
      for (let start = 0; start < n; start += size) {
        for (let k = 0; k < half; k++) {
          const wr = this.cos[k * step]!;
          const wi = sign * this.sin[k * step]!;
          const a = start + k;
          const b = a + half;
          const xr = re[b]! * wr - im[b]! * wi;
          const xi = re[b]! * wi + im[b]! * wr;
          re[b] = re[a]! - xr;
          im[b] = im[a]! - xi;
          re[a]! += xr;
          im[a]! += xi;
        }
      }
    }
  }
}

/** Bluestein: a length-n DFT as a convolution with a chirp, computed by FFTs of length m >= 2n-1. */
class BluesteinPlan implements FftPlan {
  private readonly inner: Radix2Plan;
  private readonly chirpRe: Float64Array;
  private readonly chirpIm: Float64Array;
  /** FFT of the conjugate chirp filter, for the forward and the inverse direction. */
  private readonly filt: { re: Float64Array; im: Float64Array }[];
  private readonly ar: Float64Array;
  private readonly ai: Float64Array;
  constructor(readonly n: number) {
    let m = 1;
    while (m < 2 * n - 1) m <<= 1;
    this.inner = new Radix2Plan(m);
    this.chirpRe = new Float64Array(n);
    this.chirpIm = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      // k^2 mod 2n keeps the angle small and exact for large k.
      const k2 = (k * k) % (2 * n);
      const a = (Math.PI * k2) / n;
      this.chirpRe[k] = Math.cos(a);
      this.chirpIm[k] = Math.sin(a);
    }
    this.filt = [false, true].map((inverse) => {
      const re = new Float64Array(m);
      const im = new Float64Array(m);
      const s = inverse ? -1 : 1;
      for (let k = 0; k < n; k++) {
        re[k] = this.chirpRe[k]!;
        im[k] = s * this.chirpIm[k]!;
        if (k > 0) {
          re[m - k] = re[k]!;
          im[m - k] = im[k]!;
        }
      }
      this.inner.run(re, im, false);
      return { re, im };
    });
    this.ar = new Float64Array(m);
    this.ai = new Float64Array(m);
  }
  run(re: Float64Array, im: Float64Array, inverse: boolean): void {
    const n = this.n;
    const m = this.inner.n;
    const ar = this.ar;
    const ai = this.ai;
    ar.fill(0);
    ai.fill(0);
    const s = inverse ? 1 : -1;
    // a[k] = x[k] * w^k2 with w = exp(s*i*pi/n)
    for (let k = 0; k < n; k++) {
      const cr = this.chirpRe[k]!;
      const ci = s * this.chirpIm[k]!;
      ar[k] = re[k]! * cr - im[k]! * ci;
      ai[k] = re[k]! * ci + im[k]! * cr;
    }
    this.inner.run(ar, ai, false);
    const f = this.filt[inverse ? 1 : 0]!;
    for (let k = 0; k < m; k++) {
      const xr = ar[k]! * f.re[k]! - ai[k]! * f.im[k]!;
      const xi = ar[k]! * f.im[k]! + ai[k]! * f.re[k]!;
      ar[k] = xr;
      ai[k] = xi;
    }
    this.inner.run(ar, ai, true);
    for (let k = 0; k < n; k++) {
      const cr = this.chirpRe[k]!;
      const ci = s * this.chirpIm[k]!;
      const xr = ar[k]! / m;
      const xi = ai[k]! / m;
      re[k] = xr * cr - xi * ci;
      im[k] = xr * ci + xi * cr;
    }
  }
}

class TrivialPlan implements FftPlan {
  constructor(readonly n: number) {}
  run(): void {}
}

/** A reusable FFT of length n (n >= 0). */
export function fftPlan(n: number): FftPlan {
  if (n <= 1) return new TrivialPlan(n);
  return isPowerOfTwo(n) ? new Radix2Plan(n) : new BluesteinPlan(n);
}
