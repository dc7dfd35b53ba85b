/**
 * PNG from SVG with resvg compiled to WebAssembly. WebAssembly sees no system fonts, so a
 * sans-serif TrueType font is looked up in the usual places (or $ONNX_DRAW_FONT) and handed over.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { OnnxError, messageOf } from '../util/errors.js';
import { preferQuickWasmCompile } from './wasm-flags.js';

/** Largest picture rendered: beyond this the PNG would be unreadable or run out of memory. */
const MAX_SIDE = 16384;
const MAX_PIXELS = 100e6;
/** Below this scale text is unreadable: refuse rather than write a useless picture. */
const MIN_SCALE = 0.25;

const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf',
  '/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/Library/Fonts/Arial.ttf',
  '/System/Library/Fonts/Supplemental/Arial.ttf',
  'C:\\Windows\\Fonts\\arial.ttf',
];

/** Font files to use: $ONNX_DRAW_FONT if set, else the first system font found (and its bold). */
export function findFonts(env: Record<string, string | undefined>): string[] {
  const own = env.ONNX_DRAW_FONT;
  if (own) return fs.existsSync(own) ? [own] : [];
  const found = FONT_CANDIDATES.find((f) => fs.existsSync(f));
  if (!found) return [];
  const bold = found.replace(/Regular\.ttf$/, 'Bold.ttf').replace(/DejaVuSans\.ttf$/, 'DejaVuSans-Bold.ttf').replace(/arial\.ttf$/i, 'arialbd.ttf');
  return bold !== found && fs.existsSync(bold) ? [found, bold] : [found];
}

/** The family name of the fonts findFonts knows; resvg needs it to map generic sans-serif. */
function familyOf(file: string | undefined): string {
  if (!file) return 'sans-serif';
  if (/liberation/i.test(file)) return 'Liberation Sans';
  if (/dejavu/i.test(file)) return 'DejaVu Sans';
  if (/arial/i.test(file)) return 'Arial';
  return 'sans-serif';
}

type ResvgModule = typeof import('@resvg/resvg-wasm');
let resvg: Promise<ResvgModule> | undefined;

function loadResvg(): Promise<ResvgModule> {
  resvg ??= (async () => {
    preferQuickWasmCompile();
    const mod = await import('@resvg/resvg-wasm');
    const wasm = fs.readFileSync(createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm'));
    await mod.initWasm(wasm);
    return mod;
  })();
  return resvg;
}

export interface PngResult {
  png: Uint8Array;
  width: number;
  height: number;
  /** Things the user should know (no font found: no text). */
  warnings: string[];
}

/** Pixels a default-scale picture aims at: sharp text on small graphs, no huge PNG on big ones. */
const COMFORT_PIXELS = 8e6;

/**
 * Renders SVG text at `scale` (default: up to 2x for small pictures, 1x for big ones), shrinking
 * pictures beyond the size limits to fit.
 */
export async function svgToPng(svg: string, size: { width: number; height: number }, opts: { scale?: number; fonts?: string[] } = {}): Promise<PngResult> {
  const area = size.width * size.height;
  let scale = opts.scale ?? Math.max(1, Math.min(2, Math.sqrt(COMFORT_PIXELS / area)));
  scale = Math.min(scale, MAX_SIDE / size.width, MAX_SIDE / size.height, Math.sqrt(MAX_PIXELS / area));
  if (scale < MIN_SCALE) {
    throw new OnnxError(
      'E_TOO_LARGE',
      `a PNG of this graph would be ${Math.round(size.width)}x${Math.round(size.height)} pixels, too large to render readably`,
      { hint: 'write .svg or .html instead (both zoom), or draw less: --collapse scope, --around NODE' },
    );
  }
  const warnings: string[] = [];
  const fontFiles = opts.fonts ?? findFonts(process.env);
  if (fontFiles.length === 0) warnings.push('no TrueType font found: the PNG has no text (set ONNX_DRAW_FONT to a .ttf file, or write .svg)');
  const fontBuffers = fontFiles.map((f) => new Uint8Array(fs.readFileSync(f)));
  const { Resvg } = await loadResvg();
  try {
    const r = new Resvg(svg, {
      fitTo: { mode: 'zoom', value: scale },
      background: 'white',
      font: { fontBuffers, defaultFontFamily: familyOf(fontFiles[0]), sansSerifFamily: familyOf(fontFiles[0]), defaultFontSize: 11 },
    });
    const img = r.render();
    const out = { png: img.asPng(), width: img.width, height: img.height, warnings };
    img.free();
    r.free();
    return out;
  } catch (e) {
    throw new OnnxError('E_TOO_LARGE', `could not render the PNG: ${messageOf(e)}`, { hint: 'write .svg or .html instead' });
  }
}
