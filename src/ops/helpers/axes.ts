/** Axis arguments: negative axes count from the end; out-of-range axes are errors. */

/** Normalizes `axis` for a tensor of rank `rank` (accepts -rank..rank-1), or calls `fail`. */
export function normalizeAxis(axis: number, rank: number, fail: (msg: string) => never): number {
  if (axis < -rank || axis >= rank) fail(`axis ${axis} is out of range for rank ${rank}`);
  return axis < 0 ? axis + rank : axis;
}

/** Normalizes a list of axes; duplicates are an error. */
export function normalizeAxes(axes: readonly number[], rank: number, fail: (msg: string) => never): number[] {
  const out = axes.map((a) => normalizeAxis(a, rank, fail));
  if (new Set(out).size !== out.length) fail(`axes [${axes.join(',')}] repeat an axis`);
  return out;
}
