/** Parsing of option values shared by several commands, so they are spelled the same everywhere. */
import { OnnxError } from '../../src/util/errors.js';

/** A usage error (exit 2) about a flag's value. */
export function usage(message: string, hint?: string): OnnxError {
  return new OnnxError('E_INVALID_ARG', message, hint ? { hint } : {});
}

/** --shape NAME=1,3,224,224 (or 1x3x224x224); NAME is an input or a symbolic dim. */
export function parseShapeFlag(text: string): [string, number[]] {
  const eq = text.lastIndexOf('=');
  const name = text.slice(0, eq);
  const dims = text.slice(eq + 1);
  if (eq <= 0 || !/^\d+([,x]\d+)*$/.test(dims.replace(/\s+/g, ''))) {
    throw usage(`--shape expects NAME=d0,d1,... with non-negative integer dims, got "${text}"`, 'e.g. --shape input=1,3,224,224 or --shape batch=8');
  }
  return [name, dims.replace(/\s+/g, '').split(/[,x]/).map(Number)];
}

/** All --shape flags as a map; a name given twice is a usage error. */
export function parseShapeFlags(texts: readonly string[] | undefined): Map<string, number[]> {
  const shapes = new Map<string, number[]>();
  for (const s of texts ?? []) {
    const [name, dims] = parseShapeFlag(s);
    if (shapes.has(name)) throw usage(`--shape ${name} is given twice`);
    shapes.set(name, dims);
  }
  return shapes;
}

/** Commander's collector for repeatable options. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
