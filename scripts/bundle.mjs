#!/usr/bin/env node
/**
 * `npm run bundle` (after tsc): the CLI as one CommonJS file, dist/onnx.cjs, which bin/onnx.js
 * runs through V8's code cache, and the ink views as ES modules in dist/views (ink and React are
 * ES modules with top-level await, so they can only be imported, never bundled into CommonJS).
 * Then a warm-up run writes the code cache with the functions every command uses compiled.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const VIEWS = ['CheckView', 'DrawView', 'EditView', 'InfoView', 'RunView', 'ProgressView', 'host'];
const EXTERNAL = ['onnxruntime-node', 'onnxruntime-web', '@hpcc-js/wasm', '@resvg/resvg-wasm', 'ink', 'react', 'react/jsx-runtime', 'playwright-core'];

for (const old of ['onnx.cjs', 'onnx.mjs', 'views', 'chunks']) fs.rmSync(path.join(dist, old), { recursive: true, force: true });
for (const f of fs.existsSync(dist) ? fs.readdirSync(dist) : []) if (/^onnx\.cjs\..*cache$/.test(f)) fs.rmSync(path.join(dist, f), { force: true });

await esbuild.build({
  entryPoints: VIEWS.map((v) => path.join(dist, 'commands/views', `${v}.js`)),
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir: path.join(dist, 'views'),
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  external: [...EXTERNAL, 'chalk'],
  logLevel: 'warning',
});

/** Imports of the views stay imports, of the files built above. */
const viewsExternal = {
  name: 'views-external',
  setup(build) {
    build.onResolve({ filter: /\/views\/\w+\.js$/ }, (args) => {
      const name = path.basename(args.path, '.js');
      if (!VIEWS.includes(name)) throw new Error(`${args.importer} imports view ${name}, which the bundle script does not build`);
      return { path: `./views/${name}.mjs`, external: true };
    });
  },
};

await esbuild.build({
  entryPoints: [path.join(dist, 'commands/main.js')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: path.join(dist, 'onnx.cjs'),
  external: EXTERNAL,
  define: { 'import.meta.url': '__onnxMetaUrl' },
  plugins: [viewsExternal],
  logLevel: 'warning',
});

// esbuild wraps every `import fs from 'node:fs'` in __toESM, which copies each of the module's
// hundred properties onto a new object (30 such imports: ~7 ms at every start). A built-in needs
// no interop: an object inheriting from it, with `default` set, reads the same.
const cjsFile = path.join(dist, 'onnx.cjs');
let code = fs.readFileSync(cjsFile, 'utf8');
const builtinInterop = /__toESM\(require\("(node:[a-z_/]+)"\), 1\)/g;
code = code.replace(builtinInterop, '__onnxBuiltin(require("$1"))');
code = code.replace('"use strict";\n', '"use strict";\nvar __onnxBuiltin = (m) => Object.create(m, { default: { value: m, enumerable: true } });\n');
// Node 20 drops import()'s callback for functions restored from a code cache ("A dynamic import
// callback was not specified"), so every import() in the bundle goes through __onnxImport, which
// bin/bundle-loader.js passes in from a real ES module. The build fails on an import() it does not
// know, rather than ship one that breaks only when run from the cache.
code = code.replace(/\bimport\(("\.\/views\/\w+\.mjs"|"@resvg\/resvg-wasm"|specifier)\)/g, '__onnxImport($1)');
const left = [...code.matchAll(/\bimport\(([^)]*)\)/g)].map((m) => m[0]).filter((m) => m !== 'import(workerData.url)');
if (left.length) throw new Error(`bundle: unhandled dynamic import(s) ${left.join(', ')}: route them through __onnxImport in scripts/bundle.mjs`);

// The build's identity, read by bin/bundle-loader.js to match the bundle with its code cache.
const id = crypto.createHash('sha1').update(code).digest('hex');
fs.writeFileSync(cjsFile, `// onnx-bundle ${id}\n${code}`);

const warm = spawnSync(process.execPath, [path.join(root, 'scripts/warm-cache.mjs')], { stdio: 'inherit' });
if (warm.status !== 0) process.exit(warm.status ?? 1);
