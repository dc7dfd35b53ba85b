/** The early read bin/onnx.js starts: taken once, only for its own path, ignored when it failed. */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { takePrefetched, type Prefetch } from '../../commands/shared/prefetch.js';

const KEY = Symbol.for('onnx.prefetch');
const holder = globalThis as { [KEY]?: Prefetch };

function prefetch(file: string, contents: Promise<Buffer>): void {
  contents.catch(() => {});
  holder[KEY] = { path: path.resolve(file), contents };
}

describe('takePrefetched', () => {
  afterEach(() => {
    delete holder[KEY];
  });

  it('gives the bytes read for the same file once', async () => {
    prefetch('m.onnx', Promise.resolve(Buffer.from([1, 2, 3])));
    expect([...(await takePrefetched(path.resolve('m.onnx')))!]).toEqual([1, 2, 3]);
    expect(await takePrefetched(path.resolve('m.onnx'))).toBeUndefined();
  });

  it('leaves a read of another file alone', async () => {
    prefetch('a.onnx', Promise.resolve(Buffer.from([1])));
    expect(await takePrefetched(path.resolve('b.onnx'))).toBeUndefined();
    expect(holder[KEY]).toBeDefined();
  });

  it('ignores a read that failed, so the loader reads and reports', async () => {
    prefetch('m.onnx', Promise.reject(new Error('EIO')));
    expect(await takePrefetched(path.resolve('m.onnx'))).toBeUndefined();
  });
});
