#!/usr/bin/env node
// The CLI starts from one bundled file when the build made it (hundreds of module loads saved),
// else from the compiled modules.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/onnx.mjs', import.meta.url);
const entry = existsSync(bundle) ? bundle.href : new URL('../dist/commands/main.js', import.meta.url).href;
const { main } = await import(entry);
await main();
