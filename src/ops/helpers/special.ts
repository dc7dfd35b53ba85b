/** Special functions JavaScript's Math lacks, accurate to a few ulps in float64. */

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const ONE_OVER_SQRT_PI = 0.5641895835477563;

/**
 * The error function. Small |x|: its Maclaurin series; moderate |x|: the series
 * exp(-x²)·Σ 2ⁿx^(2n+1)/(2n+1)!! (positive terms, no cancellation); large |x|: 1 - erfc(|x|)
 * with erfc from its continued fraction (modified Lentz).
 */
export function erf(x: number): number {
  if (x !== x) return x;
  const ax = Math.abs(x);
  if (ax >= 6) return x > 0 ? 1 : -1;
  let r: number;
  if (ax < 0.5) {
    // Σ (-1)ⁿ x^(2n+1) / (n!(2n+1))
    const x2 = ax * ax;
    let term = ax;
    let sum = ax;
    for (let n = 1; n < 30; n++) {
      term *= -x2 / n;
      const t = term / (2 * n + 1);
      sum += t;
      if (Math.abs(t) < 1e-17 * Math.abs(sum)) break;
    }
    r = TWO_OVER_SQRT_PI * sum;
  } else if (ax < 2.5) {
    const x2 = ax * ax;
    let term = ax;
    let sum = ax;
    for (let n = 1; n < 200; n++) {
      term *= (2 * x2) / (2 * n + 1);
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    r = TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
  } else {
    r = 1 - erfcLarge(ax);
  }
  return x < 0 ? -r : r;
}

/**
 * erfc(x) for x >= 2.5 from exp(-x²)/sqrt(pi) · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))),
 * evaluated forward with the modified Lentz method.
 */
function erfcLarge(x: number): number {
  const tiny = 1e-300;
  // b0 = x; a_k = k/2, b_k = x.
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 300; k++) {
    const a = k / 2;
    d = x + a * d;
    if (d === 0) d = tiny;
    c = x + a / c;
    if (c === 0) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (ONE_OVER_SQRT_PI * Math.exp(-x * x)) / f;
}
