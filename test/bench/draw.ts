/**
 * `npm run bench:draw`: wall time of the whole `onnx draw` process (node start, load, layout,
 * write) on generated transformer-like models of ~120, ~2,000 and ~20,000 nodes with scoped
 * names. Needs the build (`npm run build` or the tsc step of the script). Numbers are printed,
 * never asserted.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { saveModel } from '../../src/io/save.js';
import { scopedStackModel } from '../helpers/draw-models.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const bin = path.join(root, 'bin/onnx.js');

interface Case {
  model: string;
  out: string;
  args?: string[];
  target?: number;
}

/** Quotes an argument for bash. */
const sh = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Runs the CLI under bash's `time`, which also gives the CPU time of the process: on a shared
 * machine the wall time says as much about the neighbours as about us.
 */
function run(c: Case, dir: string): void {
  const out = path.join(dir, c.out);
  const argv = [process.execPath, bin, 'draw', path.join(dir, c.model), '-o', out, '--json', ...(c.args ?? [])];
  const t0 = performance.now();
  const r = spawnSync('bash', ['-c', `TIMEFORMAT='%U %S'; time ${argv.map(sh).join(' ')}`], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const ms = performance.now() - t0;
  const cpu = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  const cpuText = cpu.length === 2 && cpu.every(Number.isFinite) ? `cpu ${(cpu[0]! + cpu[1]!).toFixed(2)} s` : '';
  const label = `${c.model} -> ${c.out}${c.args ? ` ${c.args.join(' ')}` : ''}`.padEnd(58);
  if (r.status !== 0) {
    console.log(`${label} FAILED (exit ${r.status}): ${r.stderr.trim().split('\n')[0]}`);
    return;
  }
  const rep = JSON.parse(r.stdout) as { nodesDrawn: number; layout: string; collapsedGroups: number; bytes: number; timings: Record<string, number> };
  const verdict = c.target === undefined ? '' : ms < c.target * 1000 ? `  (target < ${c.target} s: ok)` : `  (target < ${c.target} s: MISSED)`;
  const t = rep.timings;
  console.log(
    `${label} ${(ms / 1000).toFixed(2).padStart(6)} s ${cpuText.padStart(12)}  ${String(rep.nodesDrawn).padStart(6)} boxes  ${rep.layout.padEnd(7)} ` +
      `groups ${String(rep.collapsedGroups).padStart(4)}  ${(rep.bytes / 2 ** 20).toFixed(1).padStart(5)} MiB  ` +
      `[load ${t.loadMs} infer ${t.inferMs} layout ${t.layoutMs} render ${t.renderMs} ms]${verdict}`,
  );
}

/** Opens the 20,000-node HTML in Chromium (when installed) and times page load and frames. */
async function measureViewer(file: string): Promise<void> {
  const exe = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
  if (!exe || !fs.existsSync(file)) {
    console.log('viewer: Chromium not found, not measured');
    return;
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: exe, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const t0 = performance.now();
    await page.goto(`file://${file}`);
    await page.waitForFunction('document.getElementById("status").textContent.includes("nodes")');
    const loadMs = performance.now() - t0;
    // Frame cost at three zooms: everything in view (no text), a few hundred nodes, reading zoom.
    const frames = await page.evaluate(`(async () => {
      const v = window.onnxViewer, out = {};
      const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      for (const [name, s] of [['whole graph', 0.005], ['overview', 0.3], ['reading', 1]]) {
        v.view.s = s; let total = 0;
        for (let i = 0; i < 10; i++) { v.view.x = -i * 40; v.view.y = -i * 400 * s; v.draw(); await frame(); total += v.stats.lastMs; }
        out[name] = total / 10;
      }
      return out;
    })()`);
    const f = frames as Record<string, number>;
    console.log(`viewer (20,000 nodes, Chromium): page ready in ${(loadMs / 1000).toFixed(2)} s; frame ${Object.entries(f).map(([k, ms]) => `${k} ${ms.toFixed(1)} ms`).join(', ')}`);
  } finally {
    await browser.close();
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-bench-draw-'));
try {
  const sizes: [string, number, boolean][] = [
    ['small.onnx', 10, true],
    ['medium.onnx', 166, true],
    ['large.onnx', 1666, true],
    ['large-plain.onnx', 1666, false],
  ];
  for (const [name, layers, scoped] of sizes) {
    const m = scopedStackModel(layers, 8, scoped);
    saveModel(m, path.join(dir, name));
    console.log(`${name}: ${m.graph.nodes.length} nodes (${layers} blocks of 12, ${scoped ? 'scoped names' : 'names without scopes'})`);
  }
  const cases: Case[] = [
    { model: 'small.onnx', out: 'small.svg', target: 1 },
    { model: 'small.onnx', out: 'small.png' },
    { model: 'small.onnx', out: 'small.html' },
    { model: 'medium.onnx', out: 'medium.svg', target: 5 },
    { model: 'medium.onnx', out: 'medium-dot.svg', args: ['--layout', 'dot'] },
    { model: 'medium.onnx', out: 'medium.html' },
    { model: 'large.onnx', out: 'large.svg', target: 30 },
    { model: 'large.onnx', out: 'large.html', target: 30 },
    { model: 'large.onnx', out: 'large-all.svg', args: ['--collapse', 'none'], target: 30 },
    { model: 'large-plain.onnx', out: 'large-plain.svg', target: 30 },
    { model: 'large.onnx', out: 'large-around.svg', args: ['--around', '/encoder/layer.800/Add', '--radius', '6'] },
  ];
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores (wall times suffer when the machine is shared)`);
  for (const c of cases) run(c, dir);
  await measureViewer(path.join(dir, 'large.html'));
  if (process.env.KEEP) console.log(`pictures kept in ${dir}`);
} finally {
  if (!process.env.KEEP) fs.rmSync(dir, { recursive: true, force: true });
}
