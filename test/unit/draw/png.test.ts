import { describe, expect, it } from 'vitest';
import { findFonts, svgToPng } from '../../../src/draw/png.js';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#335588"/><text x="2" y="14" font-size="11">Conv</text></svg>';

describe('svgToPng', () => {
  it('renders a PNG, twice the size for a small picture', async () => {
    const r = await svgToPng(SVG, { width: 40, height: 20 });
    expect([r.width, r.height]).toEqual([80, 40]);
    expect([...r.png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
  });
  it('refuses a picture too large to read, suggesting .svg or .html', async () => {
    await expect(svgToPng(SVG, { width: 3000, height: 300_000 })).rejects.toMatchObject({ code: 'E_TOO_LARGE', detail: { hint: expect.stringContaining('.svg or .html') } });
  });
  it('warns when it has no font', async () => {
    expect(findFonts({ ONNX_DRAW_FONT: '/nonexistent.ttf' })).toEqual([]);
    const r = await svgToPng(SVG, { width: 40, height: 20 }, { fonts: [] });
    expect(r.warnings[0]).toMatch(/no TrueType font found/);
  });
});
