/**
 * V8 compiles WebAssembly twice by default: quickly (Liftoff), then optimized (TurboFan) in
 * background threads. Graphviz and resvg are big modules run once per process, and on a
 * 2-core machine the optimizing compile costs more than it saves: measured here, a first
 * Graphviz layout of 124 nodes took 1.5-1.9 s by default and 0.35-0.6 s with Liftoff only; 2,500
 * nodes 10.6 s vs 7.1 s; resvg's first render 8 s vs 4 s. The flag is process-wide, so it is set
 * only when a picture is about to be drawn.
 */
import { v8 } from '../util/builtins.js';

let done = false;

export function preferQuickWasmCompile(): void {
  if (done) return;
  done = true;
  v8().setFlagsFromString('--liftoff-only');
}
