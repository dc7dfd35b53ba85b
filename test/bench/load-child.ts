/**
 * One measurement in a fresh process (so peak RSS is this step's alone):
 *   node dist/bench/load-child.js <read|load|info|none> FILE
 * Prints {"ms", "maxRssBytes"} on stdout.
 */
import fs from 'node:fs';
import { loadModel } from '../../src/io/load.js';

const [mode, file] = process.argv.slice(2) as [string, string];
// The CLI's modules are imported for `info` only (before the clock starts): they would add
// ~20 MiB to the other modes' peaks.
const runCli = mode === 'info' ? (await import('../../commands/main.js')).runCli : undefined;
const t0 = performance.now();
let keep: unknown;
if (mode === 'read') keep = fs.readFileSync(file);
else if (mode === 'load') keep = loadModel(file);
else if (runCli) {
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
