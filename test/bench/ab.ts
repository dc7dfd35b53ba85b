/**
 * `node dist/test/bench/ab.js BASE_DIST [model...]`: whole-model latency (1 thread) of this build
 * against another build's compiled tree (BASE_DIST: its dist folder), the runs interleaved in one
 * process so that a busy machine slows both alike; CPU time per run (medians and best).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Session } from '../../src/runtime/session.js';
import { bert, lstm, mobilenetV2, resnet18 } from './models.js';

const REPS = Number(process.env.BENCH_REPS ?? 20);
const baseDist = process.argv[2]!;
const Base = (await import(pathToFileURL(path.resolve(baseDist, 'src/runtime/session.js')).href)).Session as typeof Session;
const baseModels = await import(pathToFileURL(path.resolve(baseDist, 'test/bench/models.js')).href);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const all = [resnet18, mobilenetV2, bert, lstm];
const wanted = process.argv.slice(3).map((s) => s.toLowerCase());
for (const build of all.filter((f) => !wanted.length || wanted.some((w) => f.name.toLowerCase().includes(w)))) {
  const m = build();
  const mb = baseModels[build.name]();
  const runs = [
    { name: 'this', s: Session.create(m.model, { threads: 1 }), feeds: m.feeds, cpu: [] as number[] },
    { name: 'base', s: Base.create(mb.model, { threads: 1 }), feeds: mb.feeds, cpu: [] as number[] },
  ];
  for (let w = 0; w < 3; w++) for (const r of runs) r.s.run(r.feeds);
  for (let i = 0; i < REPS; i++) {
    for (const r of i & 1 ? [...runs].reverse() : runs) {
      const c = process.cpuUsage();
      r.s.run(r.feeds);
      const d = process.cpuUsage(c);
      r.cpu.push((d.user + d.system) / 1000);
    }
  }
  const [a, b] = runs as [(typeof runs)[0], (typeof runs)[0]];
  console.log(`${m.name}: this ${median(a.cpu).toFixed(2)} ms (best ${Math.min(...a.cpu).toFixed(2)}), base ${median(b.cpu).toFixed(2)} ms (best ${Math.min(...b.cpu).toFixed(2)}), ratio ${(median(a.cpu) / median(b.cpu)).toFixed(3)}`);
}
