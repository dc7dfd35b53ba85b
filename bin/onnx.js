#!/usr/bin/env node
// The CLI starts from the one-file bundle when the build made it (code-cached: see
// bundle-loader.js), else from the compiled modules.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Commands whose model file is read early (commands/shared/prefetch.ts takes it). */
const PREFETCH_COMMANDS = new Set(['info', 'check']);
/** Bigger files are read in chunks with progress by the loader itself. */
const PREFETCH_MAX = 64 << 20;

/**
 * Starts reading the model a command names, in one request on Node's thread pool, so that the
 * read overlaps loading the bundle on this thread. Anything unexpected: no prefetch, the loader
 * reads (and reports errors) as usual.
 */
function prefetchModel(args) {
  if (!PREFETCH_COMMANDS.has(args[0])) return;
  const i = args.findIndex((a, k) => k > 0 && a.endsWith('.onnx') && !['-o', '--output'].includes(args[k - 1]));
  if (i < 0) return;
  try {
    const file = path.resolve(args[i]);
    const fd = fs.openSync(file, 'r');
    const st = fs.fstatSync(fd);
    if (!st.isFile() || st.size === 0 || st.size > PREFETCH_MAX) {
      fs.closeSync(fd);
      return;
    }
    const contents = new Promise((resolve, reject) => {
      fs.read(fd, Buffer.allocUnsafe(st.size), 0, st.size, 0, (err, n, buf) => {
        fs.close(fd, () => {});
        if (err || n !== st.size) reject(err ?? new Error('short read'));
        else resolve(buf);
      });
    });
    contents.catch(() => {}); // a failed early read is ignored: the loader reads again
    globalThis[Symbol.for('onnx.prefetch')] = { path: file, contents };
  } catch {
    // not readable now: the loader will say why
  }
}

const bundle = fileURLToPath(new URL('../dist/onnx.cjs', import.meta.url));
if (fs.existsSync(bundle) && process.env.ONNX_NO_BUNDLE !== '1') {
  prefetchModel(process.argv.slice(2));
  const { loadBundle } = await import('./bundle-loader.js');
  const loaded = loadBundle(bundle);
  await loaded.exports.main();
  loaded.saveCache();
} else {
  const { main } = await import('../dist/commands/main.js');
  await main();
}
