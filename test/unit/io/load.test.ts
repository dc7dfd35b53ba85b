import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataType } from '../../../src/ir/dtype.js';
import type { Tensor } from '../../../src/ir/tensor.js';
import { loadExternalData } from '../../../src/io/external-data.js';
import { decodeModel, loadModel } from '../../../src/io/load.js';
import { saveModel, serializeModel } from '../../../src/io/save.js';
import { OnnxError } from '../../../src/util/errors.js';
import { REPO_ROOT } from '../../helpers/backend-tests.js';

const FIX = path.join(REPO_ROOT, 'fixtures/models');
const tmpDirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-io-'));
  tmpDirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function init(file: string, name: string): Tensor {
  const { model } = loadModel(file);
  const v = model.graph.initializers.get(name);
  if (!v?.constValue) throw new Error(`no initializer ${name}`);
  return v.constValue;
}

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return e instanceof OnnxError ? e.code : `not OnnxError: ${String(e)}`;
  }
  return 'no error';
}

describe('loading tensors written by onnx (Python)', () => {
  const file = path.join(FIX, 'all-dtypes.onnx');
  for (const prefix of ['raw_', 'fields_']) {
    it(`decodes every dtype from ${prefix === 'raw_' ? 'raw_data' : 'typed fields'}`, () => {
      expect(Array.from(init(file, `${prefix}f32`).data() as Float32Array)).toEqual([1.5, -2.25, 3]);
      expect(Array.from(init(file, `${prefix}f64`).data() as Float64Array)).toEqual([1e-300, 2]);
      expect(Array.from(init(file, `${prefix}f16`).data() as Uint16Array)).toEqual([0x3800, 0x7bff, 0xbc00]);
      expect(Array.from(init(file, `${prefix}i8`).data() as Int8Array)).toEqual([-128, 127]);
      expect(Array.from(init(file, `${prefix}u8`).data() as Uint8Array)).toEqual([0, 255]);
      expect(Array.from(init(file, `${prefix}i16`).data() as Int16Array)).toEqual([-32768, 1]);
      expect(Array.from(init(file, `${prefix}u16`).data() as Uint16Array)).toEqual([65535]);
      expect(Array.from(init(file, `${prefix}i32`).data() as Int32Array)).toEqual([-(2 ** 31), 2 ** 31 - 1]);
      expect(Array.from(init(file, `${prefix}u32`).data() as Uint32Array)).toEqual([2 ** 32 - 1]);
      expect(Array.from(init(file, `${prefix}i64`).data() as BigInt64Array)).toEqual([-(2n ** 63n), 2n ** 63n - 1n, 2n ** 53n + 1n]);
      expect(Array.from(init(file, `${prefix}u64`).data() as BigUint64Array)).toEqual([2n ** 64n - 1n]);
      expect(Array.from(init(file, `${prefix}b`).data() as Uint8Array)).toEqual([1, 0, 1]);
      expect(Array.from(init(file, `${prefix}c64`).data() as Float32Array)).toEqual([1, 2, -0, -3.5]);
      expect(init(file, `${prefix}i64`).dtype).toBe(DataType.INT64);
    });
  }
  it('decodes strings as UTF-8', () => {
    expect(init(file, 'fields_s').data()).toEqual(['héllo', '', 'wörld']);
  });
  it('keeps raw_data as a view of the file buffer when aligned, a copy otherwise', () => {
    const bytes = fs.readFileSync(file);
    const { model } = decodeModel(bytes);
    for (const v of model.graph.initializers.values()) {
      const t = v.constValue!;
      if (!v.name.startsWith('raw_') || t.dtype === DataType.STRING) continue;
      const d = t.data() as Uint8Array;
      const aligned = t.toRaw().byteOffset % (d.BYTES_PER_ELEMENT ?? 1) === 0;
      expect(d.buffer === bytes.buffer, v.name).toBe(aligned);
    }
  });
});

describe('external data', () => {
  const file = path.join(FIX, 'external/model.onnx');
  it('checks but does not read external data on load', () => {
    const loaded = loadModel(file);
    expect(loaded.externalData).toEqual({ files: ['weights.bin'], bytes: 544 });
    const w = loaded.model.graph.initializers.get('w')!.constValue!;
    expect(w.isLoaded).toBe(false);
    expect(codeOf(() => w.data())).toBe('E_EXTERNAL_NOT_LOADED');
    loadExternalData(loaded.model);
    expect((w.data() as Float32Array).length).toBe(128);
  });

  function copyExternal(): string {
    const d = tmp();
    fs.copyFileSync(file, path.join(d, 'model.onnx'));
    fs.copyFileSync(path.join(FIX, 'external/weights.bin'), path.join(d, 'weights.bin'));
    return d;
  }

  it('reports a missing data file as E_EXTERNAL_MISSING (exit 3 class)', () => {
    const d = copyExternal();
    fs.unlinkSync(path.join(d, 'weights.bin'));
    expect(codeOf(() => loadModel(path.join(d, 'model.onnx')))).toBe('E_EXTERNAL_MISSING');
  });
  it('reports a truncated data file as E_EXTERNAL_RANGE', () => {
    const d = copyExternal();
    fs.truncateSync(path.join(d, 'weights.bin'), 100);
    expect(codeOf(() => loadModel(path.join(d, 'model.onnx')))).toBe('E_EXTERNAL_RANGE');
  });
  it('refuses a data file that is a symlink leaving the folder', () => {
    const d = copyExternal();
    const outside = path.join(tmp(), 'secret.bin');
    fs.copyFileSync(path.join(d, 'weights.bin'), outside);
    fs.unlinkSync(path.join(d, 'weights.bin'));
    fs.symlinkSync(outside, path.join(d, 'weights.bin'));
    expect(codeOf(() => loadModel(path.join(d, 'model.onnx')))).toBe('E_EXTERNAL_SECURITY');
  });
  it('refuses a hard-linked data file', () => {
    const d = copyExternal();
    fs.linkSync(path.join(d, 'weights.bin'), path.join(d, 'alias.bin'));
    expect(codeOf(() => loadModel(path.join(d, 'model.onnx')))).toBe('E_EXTERNAL_SECURITY');
  });
  it('refuses absolute and parent-relative locations', () => {
    const { model } = loadModel(file);
    const w = model.graph.initializers.get('w')!.constValue!;
    for (const location of ['/etc/passwd', '../weights.bin', 'a/../../weights.bin']) {
      w.setExternal({ location, offset: 0, length: 512, entries: [['location', location]] });
      expect(codeOf(() => loadExternalData(model)), location).toBe('E_EXTERNAL_SECURITY');
    }
  });
  it('saves with external data and loads back the same values', () => {
    const loaded = loadModel(file, { loadExternal: true });
    const d = tmp();
    const out = path.join(d, 'copy.onnx');
    const res = saveModel(loaded.model, out, { externalData: 'always', threshold: 0 });
    expect(res.externalData?.location).toBe('copy.onnx.data');
    const again = loadModel(out, { loadExternal: true });
    for (const name of ['w', 'b']) {
      expect(Array.from(again.model.graph.initializers.get(name)!.constValue!.data() as Float32Array)).toEqual(
        Array.from(loaded.model.graph.initializers.get(name)!.constValue!.data() as Float32Array),
      );
    }
    expect(fs.readdirSync(d).sort()).toEqual(['copy.onnx', 'copy.onnx.data']);
  });
  it('copies external data it has not read when saving elsewhere', () => {
    const loaded = loadModel(file);
    const d = tmp();
    saveModel(loaded.model, path.join(d, 'm.onnx'));
    const again = loadModel(path.join(d, 'm.onnx'), { loadExternal: true });
    expect((again.model.graph.initializers.get('w')!.constValue!.data() as Float32Array).length).toBe(128);
    expect(again.externalData.files).toEqual(['m.onnx.data']);
  });
  it('inlines external data with externalData: never', () => {
    const loaded = loadModel(file);
    const d = tmp();
    saveModel(loaded.model, path.join(d, 'inline.onnx'), { externalData: 'never' });
    expect(fs.readdirSync(d)).toEqual(['inline.onnx']);
    expect(loadModel(path.join(d, 'inline.onnx')).externalData.bytes).toBe(0);
  });
});

describe('bad input', () => {
  it('gives one code per kind of broken file', () => {
    const d = tmp();
    const good = fs.readFileSync(path.join(FIX, 'tiny-cnn.onnx'));
    fs.writeFileSync(path.join(d, 'empty.onnx'), '');
    fs.writeFileSync(path.join(d, 'random.onnx'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251)));
    fs.writeFileSync(path.join(d, 'truncated.onnx'), good.subarray(0, Math.floor(good.length / 2)));
    fs.writeFileSync(path.join(d, 'text.onnx'), '<\n ir_version: 8\n>\nagraph () => () {}\n');
    fs.writeFileSync(path.join(d, 'array.onnx'), Buffer.concat([Buffer.from([0x93]), Buffer.from('NUMPY')]));
    expect(codeOf(() => loadModel(path.join(d, 'missing.onnx')))).toBe('E_FILE_NOT_FOUND');
    expect(codeOf(() => loadModel(d))).toBe('E_NOT_A_FILE');
    expect(codeOf(() => loadModel(path.join(d, 'empty.onnx')))).toBe('E_EMPTY_FILE');
    expect(codeOf(() => loadModel(path.join(d, 'random.onnx')))).toMatch(/^E_(PARSE|FORMAT)$/);
    expect(codeOf(() => loadModel(path.join(d, 'truncated.onnx')))).toBe('E_PARSE');
    expect(codeOf(() => loadModel(path.join(d, 'text.onnx')))).toBe('E_FORMAT');
    expect(codeOf(() => loadModel(path.join(d, 'array.onnx')))).toBe('E_FORMAT');
  });
});

describe('saving', () => {
  it('writes atomically and leaves no temporary file', () => {
    const { model } = loadModel(path.join(FIX, 'tiny-cnn.onnx'));
    const d = tmp();
    saveModel(model, path.join(d, 'a.onnx'));
    expect(fs.readdirSync(d)).toEqual(['a.onnx']);
    expect(Buffer.compare(fs.readFileSync(path.join(d, 'a.onnx')), Buffer.from(serializeModel(model)))).toBe(0);
  });
  it('leaves nothing behind when writing fails', () => {
    const { model } = loadModel(path.join(FIX, 'tiny-cnn.onnx'));
    const d = tmp();
    expect(codeOf(() => saveModel(model, path.join(d, 'no/such/dir/a.onnx')))).toBe('E_WRITE');
    expect(fs.readdirSync(d)).toEqual([]);
  });
});
