// Loads the CommonJS bundle of the CLI (dist/onnx.cjs) through vm.Script with V8's code cache,
// so that a run skips parsing and compiling the 2 MB bundle (Node 20 has no compile cache for ES
// modules). The cache file starts with the SHA-1 of the bundle it was made from (the build writes
// it on the bundle's first line): V8 itself only compares the source length, and a rebuilt
// bundle must never run code cached from another.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

const HASH_BYTES = 20;

/**
 * The cache file for this Node and these flags: V8 rejects a cache made under another version or
 * other flags, so each combination gets its own file (runs that alternate flags do not rewrite
 * one file back and forth).
 */
export function cacheFileFor(file) {
  const key = [process.version, process.arch, ...process.execArgv, process.env.NODE_OPTIONS ?? ''].join('\0');
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return `${file}.${(h >>> 0).toString(16).padStart(8, '0')}.cache`;
}

/**
 * Compiles and evaluates the bundle; returns its exports and a function that writes the code
 * cache when there was none or V8 rejected it (best effort: a read-only install just runs
 * without one).
 */
export function loadBundle(file, cacheFile = cacheFileFor(file)) {
  const source = fs.readFileSync(file, 'utf8');
  const id = /^\/\/ onnx-bundle ([0-9a-f]{40})\n/.exec(source.slice(0, 64));
  const hash = id ? Buffer.from(id[1], 'hex') : createRequire(import.meta.url)('node:crypto').createHash('sha1').update(source).digest();
  let cachedData;
  try {
    const bytes = fs.readFileSync(cacheFile);
    if (bytes.length > HASH_BYTES && hash.equals(bytes.subarray(0, HASH_BYTES))) cachedData = bytes.subarray(HASH_BYTES);
  } catch {
    // no cache yet
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname, __onnxMetaUrl, __onnxImport) {${source}\n})`;
  const script = new vm.Script(wrapped, { filename: file, cachedData });
  const module = { exports: {} };
  const url = pathToFileURL(file).href;
  // import() for the bundle (see scripts/bundle.mjs): its views are files beside it; packages
  // resolve from here, in the same install.
  const importFor = (specifier) => import(specifier.startsWith('./') ? new URL(specifier, url).href : specifier);
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file), url, importFor);
  const cache = cachedData === undefined ? 'none' : script.cachedDataRejected === true ? 'rejected' : 'used';
  const stale = cache !== 'used';
  return {
    exports: module.exports,
    cacheFile,
    /** What became of the code cache: none for this build, rejected by V8 (other flags or Node), used. */
    cache,
    /** Writes the code cache (functions compiled so far included) when `force` or the cache was missing or rejected. */
    saveCache(force = false) {
      if (!force && !stale) return;
      try {
        // Serializing the cache takes 10-20 ms: not for a folder it cannot be written to (a
        // read-only install), where every run would pay it for nothing.
        fs.accessSync(path.dirname(cacheFile), fs.constants.W_OK);
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, Buffer.concat([hash, script.createCachedData()]));
        fs.renameSync(tmp, cacheFile);
      } catch {
        // not writable: run without a cache
      }
    },
  };
}
