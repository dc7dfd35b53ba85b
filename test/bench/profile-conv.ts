/**
 * `node dist/test/bench/profile-conv.js [model]`: per-node times of the executor (THREADS=n, default 1) on a
 * bench model, grouped by the kind of node (depthwise by stride, pointwise, other Conv, ...).
 * BENCH_REPS=n timed runs (default 30); prints the median (BEST=1: the fastest) time of each
 * node, summed per group (nodes fused into another count 0); NODES=1 lists the nodes.
 */
import { Session } from '../../src/runtime/session.js';
import type { Node } from '../../src/ir/node.js';
import { inferModel } from '../../src/infer/infer-shapes.js';
import { modelFlops } from '../../src/infer/flops.js';
import { mobilenetV2, resnet18 } from './models.js';

const REPS = Number(process.env.BENCH_REPS ?? 30);
const which = process.argv[2] ?? 'mobilenet';
const m = which.startsWith('res') ? resnet18() : mobilenetV2();
const s = Session.create(m.model, { threads: Number(process.env.THREADS ?? 1) });
// Shapes and FLOPs from a second copy of the model (the session's copy keeps its types as built).
const twin = (which.startsWith('res') ? resnet18() : mobilenetV2()).model;
inferModel(twin);
const flopsByName = new Map([...modelFlops(twin).byNode].map(([n, f]) => [n.name, f]));
const inShape = new Map(twin.graph.nodes.map((n) => [n.name, n.inputs[0]?.type?.kind === 'tensor' ? (n.inputs[0].type.shape ?? []).join('x') : '?']));
const times = new Map<Node, number[]>();
const totals: number[] = [];
for (let r = 0; r < REPS + 3; r++) {
  const cur = new Map<Node, number>();
  const t0 = performance.now();
  s.run(m.feeds, { onNode: (n, ms, d) => d === 0 && cur.set(n, (cur.get(n) ?? 0) + ms) });
  const t = performance.now() - t0;
  if (r < 3) continue;
  totals.push(t);
  for (const [n, ms] of cur) (times.get(n) ?? times.set(n, []).get(n)!).push(ms);
}
const med = (xs: number[]) => {
  const a = [...xs].sort((x, y) => x - y);
  return a[a.length >> 1]!;
};
// BEST=1: the fastest run of each node (closer to what it takes alone on a busy machine).
const pick = process.env.BEST ? (xs: number[]) => Math.min(...xs) : med;
function kind(n: Node): string {
  if (n.opType !== 'Conv') return n.opType;
  const w = n.inputs[1]!;
  const dims = w.constValue?.dims ?? [];
  const g = Number(n.attributes.get('group')?.value ?? 1);
  const strides = (n.attributes.get('strides')?.value as number[] | bigint[] | undefined)?.map(Number) ?? [1, 1];
  const k = dims.slice(2).join('x');
  if (g > 1 && dims[1] === 1) return `Conv dw ${k} s${strides[0]}`;
  return `Conv ${k} s${strides[0]}`;
}
const groups = new Map<string, { n: number; ms: number; flops: number }>();
const rows: [string, number][] = [];
for (const [n, ts] of times) {
  const ms = pick(ts);
  const k = kind(n);
  const g = groups.get(k) ?? { n: 0, ms: 0, flops: 0 };
  const f = flopsByName.get(n.name) ?? 0;
  g.flops += f;
  g.n += ms > 0 ? 1 : 0;
  g.ms += ms;
  groups.set(k, g);
  if (ms > 0) rows.push([`${k.padEnd(16)} ${n.name.padEnd(22)} ${(inShape.get(n.name) ?? '?').padEnd(16)} ${(f / ms / 1e6).toFixed(1).padStart(5)} GFLOP/s`, ms]);
}
console.log(`${m.name}: nodes ${process.env.BEST ? 'best' : 'median'}, run median ${med(totals).toFixed(2)} ms, best ${Math.min(...totals).toFixed(2)} ms (${REPS} runs)`);
for (const [k, g] of [...groups].sort((a, b) => b[1].ms - a[1].ms)) console.log(`  ${k.padEnd(20)} ${String(g.n).padStart(3)} nodes ${g.ms.toFixed(2).padStart(7)} ms ${g.flops && g.ms > 0 ? `${(g.flops / g.ms / 1e6).toFixed(1).padStart(5)} GFLOP/s` : ''}`);
if (process.env.NODES) for (const [r, ms] of rows) console.log(`  ${r} ${ms.toFixed(3)}`);
