/** Loading a model with progress: reading the file, decoding it, reading its external data. */
import fs from 'node:fs';
import path from 'node:path';
import { loadModel, type LoadOptions, type LoadedModel } from '../../src/io/load.js';
import type { Progress } from './progress.js';

/** From this size on, a load blocks for seconds: its steps show at once rather than after the delay. */
export const BIG_MODEL = 64 << 20;

function fileSize(p: string): number {
  try {
    return fs.statSync(p).size;
  } catch {
    return 0; // loadModel reports the error
  }
}

export type LoadStage = 'read' | 'decode' | 'external';

/** Turns load stages into progress steps (one step per stage, bytes as the amount). */
export function loadProgress(progress: Progress, file: string, shownAs: string): (stage: LoadStage, done?: number, total?: number) => void {
  const name = path.basename(shownAs);
  const size = fileSize(file);
  const immediate = size >= BIG_MODEL;
  const labels: Record<LoadStage, string> = { read: `reading ${name}`, decode: `decoding ${name}`, external: 'reading external data' };
  let current: LoadStage | undefined;
  return (stage, done, total) => {
    if (stage !== current) {
      current = stage;
      progress.step(labels[stage], { unit: 'bytes', total: total ?? size, immediate });
    }
    if (done !== undefined && stage !== 'decode') progress.update(done, total);
  };
}

/** loadModel, telling `progress` how far it is. `shownAs` is the path as the user gave it. */
export function loadWithProgress(progress: Progress, file: string, shownAs: string, opts: LoadOptions = {}): LoadedModel {
  const report = loadProgress(progress, file, shownAs);
  report('read');
  return loadModel(file, {
    ...opts,
    onFileProgress: (stage, done, total) => report(stage, done, total),
    onProgress: (done, total) => report('external', done, total),
  });
}
