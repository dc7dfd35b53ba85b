/** Special functions JavaScript's Math lacks, accurate to a few ulps in float64. */

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const ONE_OVER_SQRT_PI = 0.5641895835477563;

/**
 * The error function. |x| < 0.5: its Maclaurin series. 0.5 <= |x| < 6: 1 - exp(-x²)·g(|x|),
 * where g(x) = erfc(x)·exp(x²) is expanded in a short Taylor series around the nearest point of
 * a 1/64 grid (its derivatives follow from g' = 2xg - 2/sqrt(pi)). |x| >= 6: ±1 in float64.
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
      if (Math.abs(t) < 1e-17 * sum) break;
    }
    r = TWO_OVER_SQRT_PI * sum;
  } else {
    const table = gTable();
    const j = Math.round(ax * GRID);
    const x0 = j / GRID;
    const t = ax - x0;
    // Taylor coefficients a_k = g⁽ᵏ⁾(x0)/k!: a_1 = 2·x0·a_0 - 2/sqrt(pi), a_(k+1) = (2·x0·a_k + 2·a_(k-1)) / (k+1).
    let prev = table[j]!;
    let cur = 2 * x0 * prev - TWO_OVER_SQRT_PI;
    let tk = t;
    let sum = prev + cur * tk;
    for (let k = 1; k < 30; k++) {
      const next = (2 * x0 * cur + 2 * prev) / (k + 1);
      tk *= t;
      const term = next * tk;
      sum += term;
      if (Math.abs(term) < 1e-17 * sum) break;
      prev = cur;
      cur = next;
    }
    r = 1 - Math.exp(-ax * ax) * sum;
  }
  return x < 0 ? -r : r;
}

const GRID = 64;
let G_TABLE: Float64Array | undefined;

/** g(j/64) = erfc(j/64)·exp((j/64)²) for j up to 6·64, computed once from slow, accurate series. */
function gTable(): Float64Array {
  if (G_TABLE) return G_TABLE;
  const n = 6 * GRID + 1;
  const table = new Float64Array(n);
  for (let j = Math.floor(GRID / 2) - 1; j < n; j++) {
    const x = j / GRID;
    table[j] = x < 2.5 ? (1 - erfSeries(x)) * Math.exp(x * x) : erfcScaledFraction(x);
  }
  G_TABLE = table;
  return table;
}

/** erf(x) for 0 <= x < 2.5 from exp(-x²)·Σ 2ⁿx^(2n+1)/(2n+1)!! (positive terms, no cancellation). */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

/**
 * erfc(x)·exp(x²) for x >= 2.5 from its continued fraction
 * 1/sqrt(pi) · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), evaluated with the modified Lentz method.
 */
function erfcScaledFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    if (d === 0) d = tiny;
    c = x + a / c;
    if (c === 0) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-17) break;
  }
  return ONE_OVER_SQRT_PI / f;
}
