import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../../src/io/load.js';
import { readValueFile } from '../../../../src/io/tensor-files/index.js';
import { backendCases } from '../../../helpers/backend-tests.js';

describe('tensor files of the ONNX backend test data', () => {
  it('reads every input_N.pb and output_N.pb with the type its model declares', () => {
    const failures: string[] = [];
    let files = 0;
    for (const c of backendCases()) {
      const { model } = loadModel(c.model, { checkExternal: false });
      const g = model.graph;
      const inputs = g.inputs.filter((v) => !g.initializers.has(v.name));
      const dir = path.join(c.dir, 'test_data_set_0');
      const all: [string, (typeof inputs)[number] | undefined][] = [
        ...inputs.map((v, i) => [`input_${i}.pb`, v] as [string, typeof v]),
        ...g.outputs.map((v, i) => [`output_${i}.pb`, v] as [string, typeof v]),
      ];
      for (const [name, v] of all) {
        const f = path.join(dir, name);
        if (!fs.existsSync(f)) continue;
        files++;
        try {
          readValueFile(f, { declared: v?.type });
        } catch (e) {
          failures.push(`${c.group}/${c.name}/${name}: ${(e as Error).message}`);
        }
      }
    }
    expect(files).toBeGreaterThan(2500);
    expect(failures).toEqual([]);
  });
});
