/**
 * The progress sink where ink cannot render (stdout is not a terminal, or ink failed to load):
 * one self-rewriting line on stderr, cut to the terminal width, erased when done.
 */
import type { OutStream } from './io.js';
import { progressText, type ProgressSink } from './progress.js';

const ERASE = '\r\x1b[2K';

export function lineSink(stream: OutStream): ProgressSink {
  let drawn = false;
  let last = '';
  const line = (text: string): string => {
    const width = Math.max(20, (stream.columns || 80) - 1);
    return text.length > width ? `${text.slice(0, width - 1)}…` : text;
  };
  return {
    draw(s) {
      last = line(progressText(s));
      drawn = true;
      stream.write(`${ERASE}${last}`);
    },
    print(text) {
      // The printed line takes the live line's place; the live line comes back under it.
      stream.write(`${drawn ? ERASE : ''}${text}\n${drawn ? last : ''}`);
    },
    close() {
      if (drawn) stream.write(ERASE);
      drawn = false;
    },
  };
}
