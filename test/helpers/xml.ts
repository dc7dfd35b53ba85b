/**
 * A small XML well-formedness check for the SVG tests: one root, tags nested and closed,
 * attributes quoted and unique, `&` only in entities, no stray `<`. Returns the elements.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
}

const NAME = /^[A-Za-z_:][\w.:-]*/;
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

function checkText(s: string, where: number): void {
  if (s.includes('<')) throw new Error(`stray "<" at ${where}`);
  if (s.replace(ENTITY, '').includes('&')) throw new Error(`bare "&" at ${where}`);
}

export function parseXml(text: string): XmlElement[] {
  const out: XmlElement[] = [];
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) {
      checkText(text.slice(i), i);
      break;
    }
    checkText(text.slice(i, lt), i);
    if (stack.length === 0 && text.slice(i, lt).trim() !== '') throw new Error(`text outside the root at ${i}`);
    const skip = (open: string, close: string): boolean => {
      if (!text.startsWith(open, lt)) return false;
      const end = text.indexOf(close, lt + open.length);
      if (end < 0) throw new Error(`unterminated ${open} at ${lt}`);
      i = end + close.length;
      return true;
    };
    if (skip('<?', '?>') || skip('<!--', '-->') || skip('<![CDATA[', ']]>') || skip('<!DOCTYPE', '>')) continue;
    const gt = text.indexOf('>', lt);
    if (gt < 0) throw new Error(`unterminated tag at ${lt}`);
    let body = text.slice(lt + 1, gt);
    if (body.startsWith('/')) {
      const name = body.slice(1).trim();
      if (stack.pop() !== name) throw new Error(`</${name}> does not close the open element at ${lt}`);
      i = gt + 1;
      continue;
    }
    const selfClosing = body.endsWith('/');
    if (selfClosing) body = body.slice(0, -1);
    const name = NAME.exec(body)?.[0];
    if (!name) throw new Error(`bad tag name at ${lt}`);
    const attrs: Record<string, string> = {};
    let rest = body.slice(name.length);
    while (rest.trim() !== '') {
      const m = /^\s+([A-Za-z_:][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/.exec(rest);
      if (!m) throw new Error(`bad attribute in <${name}> at ${lt}: ${rest.slice(0, 40)}`);
      if (m[1]! in attrs) throw new Error(`duplicate attribute ${m[1]} in <${name}> at ${lt}`);
      const value = m[3] ?? m[4] ?? '';
      checkText(value, lt);
      attrs[m[1]!] = value;
      rest = rest.slice(m[0].length);
    }
    if (stack.length === 0 && ++roots > 1) throw new Error(`a second root element <${name}> at ${lt}`);
    out.push({ name, attrs });
    if (!selfClosing) stack.push(name);
    i = gt + 1;
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1]}>`);
  if (roots !== 1) throw new Error('no root element');
  return out;
}
