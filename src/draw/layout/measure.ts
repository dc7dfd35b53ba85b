/**
 * Box sizes of drawn nodes for the layered layout, from estimated text widths (no font engine
 * here: Helvetica-like advance widths by character class are close enough for box sizing).
 */
import type { DrawNode } from '../draw-graph.js';

export const TITLE_SIZE = 11;
export const TEXT_SIZE = 9;
export const LINE_TITLE = 15;
export const LINE_TEXT = 12;
export const PAD_X = 8;
export const PAD_Y = 4;
const MAX_CHARS = 48;

/** Advance width of one character in ems, by class. */
function charEm(c: string): number {
  if ('il.,;:!|\'`ıj'.includes(c)) return 0.28;
  if ('ft()[]{}/\\ r-'.includes(c)) return 0.36;
  if ('mwMW@%'.includes(c)) return 0.86;
  if (c >= 'A' && c <= 'Z') return 0.68;
  if (c >= '0' && c <= '9') return 0.56;
  if (c.charCodeAt(0) > 0x2000) return 0.8;
  return 0.54;
}

export function textWidth(s: string, size: number, bold = false): number {
  let em = 0;
  for (const c of s) em += charEm(c);
  return em * size * (bold ? 1.08 : 1);
}

/** Shortens text the way the DOT labels do, so that every format shows the same words. */
export function clipText(s: string): string {
  return s.length > MAX_CHARS ? `${s.slice(0, MAX_CHARS - 1)}…` : s;
}

/** One line of an initializer inside a node box. */
export function initializerLine(f: { name: string; type: string }): string {
  return clipText(f.type ? `${f.name}: ${f.type}` : f.name);
}

export interface Size {
  w: number;
  h: number;
}

/** The size of a node's box: header (title, subtitle) and one line per folded initializer. */
export function nodeSize(n: DrawNode): Size {
  let w = textWidth(clipText(n.title), TITLE_SIZE, true);
  let h = LINE_TITLE + 2 * PAD_Y;
  if (n.subtitle) {
    w = Math.max(w, textWidth(clipText(n.subtitle), TEXT_SIZE));
    h += LINE_TEXT;
  }
  for (const f of n.initializers) {
    w = Math.max(w, textWidth(initializerLine(f), TEXT_SIZE));
    h += LINE_TEXT;
  }
  const rounded = n.kind === 'input' || n.kind === 'output';
  return { w: Math.ceil(Math.max(w + 2 * PAD_X + (rounded ? 10 : 0), 40)), h: Math.ceil(h) };
}
