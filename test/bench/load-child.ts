/**
 * One measurement in a fresh process (so peak RSS is this step's alone):
 *   node dist/bench/load-child.js <read|load|info|none> FILE
 * Prints {"ms", "maxRssBytes"} on stdout.
 */
import fs from 'node:fs';
import { loadModel } from '../../src/io/load.js';
import { runCli } from '../../commands/main.js';

const [mode, file] = process.argv.slice(2) as [string, string];
const t0 = performance.now();
let keep: unknown;
if (mode === 'read') keep = fs.readFileSync(file);
else if (mode === 'load') keep = loadModel(file);
else if (mode === 'info') {
  let out = '';
  const code = await runCli(['info', file, '--json'], {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: () => true },
    env: {},
    cwd: process.cwd(),
  });
  if (code !== 0) throw new Error(`info failed with ${code}`);
  keep = out;
}
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ ms, maxRssBytes: process.resourceUsage().maxRSS * 1024, kept: keep !== undefined }));
