#!/usr/bin/env node
import v8 from 'node:v8';
v8.setFlagsFromString('--max-semi-space-size=64');
import { existsSync } from 'node:fs';
const bundle = new URL('../dist/onnx.mjs', import.meta.url);
const entry = existsSync(bundle) ? bundle.href : new URL('../dist/commands/main.js', import.meta.url).href;
const { main } = await import(entry);
await main();
