#!/usr/bin/env node
/**
 * Writes the code cache of dist/onnx.cjs (for this Node and these flags): loads the bundle as bin/onnx.js does, runs each command once on a
 * model the repo ships (output discarded), then saves the code cache, which then holds every
 * function those runs compiled. Run by `npm run bundle`; a failed command fails the build.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBundle } from '../bin/bundle-loader.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const model = path.join(root, 'fixtures/models/tiny-cnn.onnx');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-warm-'));
const loaded = loadBundle(path.join(root, 'dist/onnx.cjs'));
const sink = { write: () => true };
const io = { stdout: sink, stderr: sink, env: { CI: 'true' }, cwd: root };

const RUNS = [
  ['info', model],
  ['info', model, '--json'],
  ['check', model, '--shapes'],
  ['check', model, '--shapes', '--json'],
  ['run', model, '--json'],
  ['run', model],
  // Not Graphviz: it sets a V8 flag (Liftoff only), and V8 rejects a code cache made under
  // other flags than the run's.
  ['draw', model, '--layout', 'layered', '-o', path.join(tmp, 'm.svg')],
  ['draw', model, '-o', path.join(tmp, 'm.dot')],
  ['edit', model, '--rename', 'image=images', '--dry-run', '--json'],
];

try {
  for (const argv of RUNS) {
    const code = await loaded.exports.runCli(argv, io);
    if (code !== 0) throw new Error(`warm-up: onnx ${argv.join(' ')} exited with ${code}`);
  }
  loaded.saveCache(true);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
