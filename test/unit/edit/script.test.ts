import { describe, expect, it } from 'vitest';
import { editModel } from '../../../src/edit/edit-model.js';
import { parseEditScript } from '../../../src/edit/script.js';
import { DataType } from '../../../src/ir/dtype.js';
import { tensorType } from '../../../src/ir/types.js';
import { GraphBuilder } from '../../../src/ops/builder.js';
import { OnnxError } from '../../../src/util/errors.js';
import { mlp } from '../../helpers/edit-models.js';

const parse = (doc: unknown) => parseEditScript(JSON.stringify(doc), 'edits.json', '/scripts');
const parseFrom = (doc: unknown, cwd: string) => parseEditScript(JSON.stringify(doc), 'edits.json', '/work/scripts', cwd);

describe('edit scripts', () => {
  it('reads a list of edits (or {"edits": [...]}) in every spelling the flags have', () => {
    expect(
      parse([
        { op: 'rename', from: 'a', to: 'b' },
        { op: 'set-shape', name: 'x', shape: [1, 'H', null] },
        { op: 'set-shape', name: 'x', shape: '1,H,?' },
        { op: 'extract', inputs: 'a, b', outputs: ['c'] },
        { op: 'merge', model: 'other.onnx', connect: { y: 'in' }, prefix: 'b/' },
        { op: 'merge', model: '/abs/other.onnx', connect: 'y=in,z=mask' },
        { op: 'set-initializer', name: 'w', file: 'w.npy' },
        { op: 'set-attr', node: 'n', attr: 'value', value: '@t.pb' },
        { op: 'cleanup' },
      ]),
    ).toEqual([
      { op: 'rename', from: 'a', to: 'b' },
      { op: 'set-shape', name: 'x', shape: [1, 'H', null] },
      { op: 'set-shape', name: 'x', shape: '1,H,?' },
      { op: 'extract', inputs: ['a', 'b'], outputs: ['c'] },
      { op: 'merge', model: '/scripts/other.onnx', connect: [['y', 'in']], prefix: 'b/' },
      { op: 'merge', model: '/abs/other.onnx', connect: [['y', 'in'], ['z', 'mask']] },
      { op: 'set-initializer', name: 'w', file: '/scripts/w.npy' },
      { op: 'set-attr', node: 'n', attr: 'value', value: '@/scripts/t.pb' },
      { op: 'cleanup' },
    ]);
    expect(parseFrom([{ op: 'set-initializer', name: 'w', file: 'data/w.npy' }], '/work')).toEqual([{ op: 'set-initializer', name: 'w', file: 'scripts/data/w.npy' }]);
    expect(parse({ description: 'fix the batch', edits: [{ op: 'set-batch', batch: 'N' }] })).toEqual([{ op: 'set-batch', batch: 'N' }]);
  });

  it('names the entry and the field of every mistake (usage errors)', () => {
    const err = (doc: unknown) => {
      try {
        parse(doc);
      } catch (e) {
        expect(e).toBeInstanceOf(OnnxError);
        expect((e as OnnxError).kind).toBe('usage');
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    expect(err({ op: 'rename' })).toBe('script "edits.json" must be a JSON list of edits (or {"edits": [...]})');
    expect(err([{ op: 'renam', from: 'a', to: 'b' }])).toBe('script "edits.json" entry 1: unknown op "renam"');
    expect(err([{ op: 'cleanup' }, { op: 'rename', from: 'a' }])).toBe('script "edits.json" entry 2 (rename) needs the field "to"');
    expect(err([{ op: 'rename', from: 'a', to: 'b', form: 'x' }])).toBe('script "edits.json" entry 1 (rename) has an unknown field "form" (fields: from, to, kind)');
    expect(err([{ op: 'set-opset', version: '17' }])).toBe('script "edits.json" entry 1 (set-opset) field "version" must be an integer, got "17"');
    expect(err([{ op: 'merge', model: 'm.onnx', connect: [['a']] }])).toBe('script "edits.json" entry 1 (merge) field "connect"[0] must be an [OUT, IN] pair, got ["a"]');
    expect(() => parseEditScript('[{"op": }]', 'bad.json', '.')).toThrow(/script "bad.json" is not valid JSON/);
  });
});

describe('validation after the edits', () => {
  it('an inference failure the edits introduce is an error', () => {
    const r = editModel(mlp(), [{ op: 'set-shape', name: 'x', shape: '2,5' }]);
    expect(r.valid).toBe(false);
    const e = r.diagnostics.find((d) => d.severity === 'error')!;
    expect(e).toMatchObject({ code: 'E_INFER', node: 'mm1' });
    expect(e.message).toMatch(/\(inference worked before the edits\)$/);
  });

  it('an inference failure that was there before stays a warning', () => {
    const b = new GraphBuilder({ '': 17 });
    const x = b.input('x', DataType.FLOAT, [2, 5]);
    const y = b.input('y', DataType.FLOAT, [4, 3]);
    const [z] = b.node('MatMul', [x, y], {}, { name: 'mm', outputs: ['z'] });
    b.output(z!, tensorType(DataType.FLOAT, [2, 3]));
    const r = editModel(b.build(), [{ op: 'set-metadata', key: 'k', value: 'v' }]);
    expect(r.diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', 'E_INFER']]);
    expect(r.valid).toBe(true);
  });

  it('a refused edit in a list says which one it was', () => {
    expect(() =>
      editModel(mlp(), [
        { op: 'cleanup' },
        { op: 'remove-node', name: 'nope' },
      ]),
    ).toThrow(/^edit 2 of 2 \(remove-node\): the model has no node named "nope"/);
  });
});
