/**
 * Node built-ins that only some commands use, loaded on first use: each costs 4-8 ms at start-up
 * (Node compiles its own modules on demand), which `onnx info` and `onnx check` need not pay.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const zlib = (): typeof import('node:zlib') => require('node:zlib') as typeof import('node:zlib');
export const workerThreads = (): typeof import('node:worker_threads') => require('node:worker_threads') as typeof import('node:worker_threads');
export const v8 = (): typeof import('node:v8') => require('node:v8') as typeof import('node:v8');
