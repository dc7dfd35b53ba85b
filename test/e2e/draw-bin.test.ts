/**
 * `onnx draw` as a real process from dist/ (npm test builds it first): the Graphviz worker and
 * the WebAssembly modules must be found from the built files, not only from sources.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/backend-tests.js';
import { parseXml } from '../helpers/xml.js';

const BIN = path.join(REPO_ROOT, 'bin/onnx.js');

function draw(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'draw', 'fixtures/models/tiny-cnn.onnx', ...args, '--json'], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { code: r.status, doc: r.status === 0 ? JSON.parse(r.stdout) : undefined, stderr: r.stderr };
}

describe('bin/onnx.js draw', () => {
  it('writes SVG laid out by Graphviz and PNG, and exits', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-draw-bin-'));
    try {
      const svg = draw(['-o', path.join(dir, 'm.svg')]);
      expect(svg.stderr).toBe('');
      expect(svg.doc).toMatchObject({ schema: 'onnx-cli/draw@1', layout: 'dot', nodesDrawn: 13 });
      expect(parseXml(fs.readFileSync(path.join(dir, 'm.svg'), 'utf8')).length).toBeGreaterThan(13);
      const png = draw(['-o', path.join(dir, 'm.png')]);
      expect(png.code).toBe(0);
      expect(fs.readFileSync(path.join(dir, 'm.png')).subarray(1, 4).toString()).toBe('PNG');
      expect(fs.readdirSync(dir).sort()).toEqual(['m.png', 'm.svg']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
