import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeModel } from '../../../src/io/load.js';
import { serializeModel } from '../../../src/io/save.js';
import { backendCases } from '../../helpers/backend-tests.js';
import { decodeForComparison } from '../../helpers/proto-oracle.js';

describe('load -> save -> load keeps every field', () => {
  const cases = backendCases();
  it('finds all backend-test models', () => {
    expect(cases.length).toBe(1072);
  });
  it('round-trips every backend-test model to an equal message', () => {
    const failures: string[] = [];
    for (const c of cases) {
      const bytes = fs.readFileSync(c.model);
      try {
        const { model } = decodeModel(bytes, { file: c.model });
        const again = serializeModel(model);
        const a = JSON.stringify(decodeForComparison(bytes));
        const b = JSON.stringify(decodeForComparison(again));
        if (a !== b) failures.push(`${c.group}/${c.name}: messages differ`);
      } catch (e) {
        failures.push(`${c.group}/${c.name}: ${(e as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
