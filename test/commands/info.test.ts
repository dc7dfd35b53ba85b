import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/run-cli.js';

describe('onnx info', () => {
  it('prints the text summary (golden)', async () => {
    const r = await cli(['info', 'fixtures/models/tiny-cnn.onnx']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    await expect(r.stdout).toMatchFileSnapshot('../../fixtures/golden/info/tiny-cnn.txt');
  });
  it('prints the JSON document (golden)', async () => {
    const r = await cli(['info', 'fixtures/models/tiny-cnn.onnx', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe('onnx-cli/info@1');
    expect(doc.graph.nodes).toBe(11);
    expect(doc.graph.inputs).toEqual([{ name: 'image', dtype: 'float32', shape: ['batch', 3, 32, 32] }]);
    await expect(r.stdout).toMatchFileSnapshot('../../fixtures/golden/info/tiny-cnn.json');
  });
  it('counts FLOPs on concrete shapes: symbols as 1 unless --shape gives them', async () => {
    const one = JSON.parse((await cli(['info', 'fixtures/real/resnet18-like_op11.onnx', '--json'])).stdout);
    expect(one.flopsAssumptions).toEqual(['batch', 'height', 'width']);
    const big = JSON.parse((await cli(['info', 'fixtures/real/resnet18-like_op11.onnx', '--json', '--shape', 'image=1,3,224,224'])).stdout);
    expect(big.flopsAssumptions).toEqual([]);
    expect(big.flops).toBeGreaterThan(one.flops * 100);
    const bySymbol = JSON.parse((await cli(['info', 'fixtures/real/resnet18-like_op11.onnx', '--json', '--shape', 'height=224', '--shape', 'width=224'])).stdout);
    expect(bySymbol.flops).toBe(big.flops);
    expect(bySymbol.flopsAssumptions).toEqual(['batch']);
    expect((await cli(['info', 'fixtures/real/resnet18-like_op11.onnx', '--shape', 'image=1,3,x'])).code).toBe(2);
  });
  it('reports external data without reading it', async () => {
    const r = await cli(['info', 'fixtures/models/external/model.onnx', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).externalData).toEqual({ files: ['weights.bin'], bytes: 544 });
  });
  it('colours only on a TTY', async () => {
    const plain = await cli(['info', 'fixtures/models/tiny-cnn.onnx']);
    expect(plain.stdout).not.toContain('\u001b[');
    const tty = await cli(['info', 'fixtures/models/tiny-cnn.onnx'], { tty: true });
    expect(tty.stdout).toContain('\u001b[');
    const noColor = await cli(['info', 'fixtures/models/tiny-cnn.onnx'], { tty: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).not.toContain('\u001b[');
    const ci = await cli(['info', 'fixtures/models/tiny-cnn.onnx'], { tty: true, env: { CI: 'true' } });
    expect(ci.stdout).not.toContain('\u001b[');
  });
  it('fails with exit 3 and one clear line on a missing file; --json gives the error document', async () => {
    const r = await cli(['info', 'nope.onnx']);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: cannot read "/work/main/nope.onnx": no such file\n'.replace('/work/main', process.cwd()));
    const j = await cli(['info', 'nope.onnx', '--json']);
    expect(JSON.parse(j.stdout)).toMatchObject({ ok: false, error: { code: 'E_FILE_NOT_FOUND' } });
  });
  it('exits 2 on a usage error', async () => {
    expect((await cli(['info'])).code).toBe(2);
    expect((await cli(['info', 'x.onnx', '--bogus'])).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
  });
});
