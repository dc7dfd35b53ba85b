/**
 * The direct decoder (decode-model.ts) against the reference path (generated messages, then
 * from-proto.ts): the same IR, object for object, on every model we have, and the same result or
 * error on damaged files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeModelDirect } from '../../../src/io/decode-model.js';
import { decodeModel, decodeThroughMessages } from '../../../src/io/load.js';
import { describeNonModel } from '../../../src/io/sniff.js';
import { backendCases, REPO_ROOT } from '../../helpers/backend-tests.js';
import { dumpIr } from '../../helpers/ir-dump.js';

function fixtureModels(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.onnx')) out.push(p);
    }
  };
  walk(path.join(REPO_ROOT, 'fixtures'));
  return out.sort();
}

/** The outcome of decoding: the dumped IR with findings, or the error. */
function outcome(f: () => ReturnType<typeof decodeThroughMessages>): unknown {
  try {
    const { model, warnings, diagnostics } = f();
    return dumpIr({ model, warnings, diagnostics });
  } catch (e) {
    const err = e as { code?: string; message: string };
    return { error: err.code ?? 'not an OnnxError', message: err.message };
  }
}

describe('direct ModelProto decoder', () => {
  const files = [...backendCases().map((c) => c.model), ...fixtureModels()];

  it('builds the same IR as the reference path for every backend and fixture model', () => {
    const differ: string[] = [];
    const fellBack: string[] = [];
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      let direct: unknown;
      try {
        direct = dumpIr(decodeModelDirect(bytes));
      } catch {
        fellBack.push(path.relative(REPO_ROOT, file));
        continue;
      }
      const reference = outcome(() => decodeThroughMessages(bytes, file));
      if (JSON.stringify(direct) !== JSON.stringify(reference)) differ.push(path.relative(REPO_ROOT, file));
    }
    expect(differ).toEqual([]);
    // Only damaged files (fixtures for load errors) should need the reference path.
    expect(fellBack.filter((f) => !/invalid|bad|corrupt|trunc/i.test(f))).toEqual([]);
  });

  it('gives the reference result or error for damaged files', () => {
    const samples = files.filter((_, i) => i % 13 === 0);
    let seed = 7;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const mismatches: string[] = [];
    let errors = 0;
    let decoded = 0;
    for (const file of samples) {
      const bytes = fs.readFileSync(file);
      for (let k = 0; k < 16; k++) {
        const damaged = Buffer.from(bytes);
        if (k % 3 === 0) {
          const cut = rand(damaged.length);
          const copy = Buffer.from(damaged.subarray(0, cut));
          check(copy, `${file} cut at ${cut}`);
          continue;
        }
        for (let j = 0; j < 1 + (k % 4); j++) damaged[rand(damaged.length)] = rand(256);
        check(damaged, `${file} damaged (${k})`);
      }
    }
    function check(b: Buffer, what: string) {
      if (b.length === 0 || describeNonModel(b)) return; // refused before decoding, by either path
      const got = outcome(() => decodeModel(b, { file: 'x.onnx' }));
      const want = outcome(() => {
        const r = decodeThroughMessages(b, 'x.onnx');
        r.model.baseDir = '.';
        return r;
      });
      if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(what);
      if ((want as { error?: string }).error) errors++;
      else decoded++;
    }
    expect(mismatches).toEqual([]);
    // Both outcomes occur: damage that still decodes (a changed name, say) and damage that does not.
    expect(errors).toBeGreaterThan(50);
    expect(decoded).toBeGreaterThan(50);
  });
});
