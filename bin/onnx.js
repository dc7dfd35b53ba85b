#!/usr/bin/env node
// The CLI starts from the one-file bundle when the build made it (code-cached: see
// bundle-loader.js), else from the compiled modules.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/onnx.cjs', import.meta.url));
if (existsSync(bundle) && process.env.ONNX_NO_BUNDLE !== '1') {
  const { loadBundle } = await import('./bundle-loader.js');
  const loaded = loadBundle(bundle);
  await loaded.exports.main();
  loaded.saveCache();
} else {
  const { main } = await import('../dist/commands/main.js');
  await main();
}
