/**
 * `node dist/test/bench/profile.js [bert|lstm|...]`: where the time of one bench model goes, per op
 * type and per node (medians over BENCH_REPS runs, 1 thread), with the whole-run median.
 */
import { Session } from '../../src/runtime/session.js';
import type { Node } from '../../src/ir/node.js';
import { bert, lstm, mobilenetV2, resnet18 } from './models.js';

const REPS = Number(process.env.BENCH_REPS ?? 10);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
};
const all = [resnet18, mobilenetV2, bert, lstm];
const wanted = process.argv.slice(2).map((s) => s.toLowerCase());
for (const build of all.filter((f) => !wanted.length || wanted.some((w) => f.name.toLowerCase().includes(w)))) {
  const m = build();
  const s = Session.create(m.model, { threads: 1 });
  for (let w = 0; w < 3; w++) s.run(m.feeds);
  const whole: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const c = process.cpuUsage();
    const t = performance.now();
    s.run(m.feeds);
    whole.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  const perNode = new Map<Node, number[]>();
  const profiled: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const t = performance.now();
    s.run(m.feeds, {
      onNode: (n, ms, depth) => {
        if (depth) return;
        let a = perNode.get(n);
        if (!a) perNode.set(n, (a = []));
        a.push(ms);
      },
    });
    profiled.push(performance.now() - t);
  }
  const byOp = new Map<string, { ms: number; n: number }>();
  let sum = 0;
  for (const [n, xs] of perNode) {
    const ms = median(xs);
    sum += ms;
    const o = byOp.get(n.opType) ?? { ms: 0, n: 0 };
    o.ms += ms;
    o.n++;
    byOp.set(n.opType, o);
  }
  console.log(`${m.name}: run median ${median(whole).toFixed(1)} ms, CPU ${median(cpu).toFixed(1)} ms (best ${Math.min(...cpu).toFixed(1)}) (profiled ${median(profiled).toFixed(1)}, sum of node medians ${sum.toFixed(1)}); fast ${s.execution.fastNodes}/${s.execution.nodes}`);
  for (const [op, o] of [...byOp].sort((a, b) => b[1].ms - a[1].ms)) console.log(`  ${op.padEnd(22)} ${o.ms.toFixed(2).padStart(8)} ms  x${o.n}`);
  if (process.env.NODES) {
    const rows = [...perNode].map(([n, xs]) => [n, median(xs)] as const).sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.NODES));
    for (const [n, ms] of rows) console.log(`    ${ms.toFixed(3).padStart(8)} ms ${n.opType} ${n.name} ${n.outputs.map((o) => o.name).join(',')}`);
  }
}
