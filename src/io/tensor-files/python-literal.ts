/**
 * A parser for the Python literals of an .npy header: dicts, tuples, lists, quoted strings,
 * integers, floats, True, False and None. Tuples and lists both become arrays.
 */
export type PyValue = string | number | boolean | null | PyValue[] | Map<string, PyValue>;

class Parser {
  private pos = 0;
  constructor(private readonly s: string) {}

  parse(): PyValue {
    const v = this.value();
    this.skip();
    if (this.pos < this.s.length) this.fail('unexpected text after the value');
    return v;
  }

  private fail(msg: string): never {
    throw new Error(`${msg} at offset ${this.pos}`);
  }

  private skip(): void {
    while (this.pos < this.s.length && /\s/.test(this.s[this.pos]!)) this.pos++;
  }

  private value(): PyValue {
    this.skip();
    const c = this.s[this.pos];
    if (c === undefined) this.fail('unexpected end');
    if (c === '{') return this.dict();
    if (c === '(') return this.sequence(')');
    if (c === '[') return this.sequence(']');
    if (c === "'" || c === '"') return this.string();
    const word = /^(?:True|False|None|[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)L?)/.exec(this.s.slice(this.pos));
    if (!word) this.fail(`unexpected character '${c}'`);
    this.pos += word[0].length;
    if (word[0] === 'True') return true;
    if (word[0] === 'False') return false;
    if (word[0] === 'None') return null;
    return Number(word[0].replace(/L$/, ''));
  }

  private string(): string {
    const quote = this.s[this.pos++]!;
    let out = '';
    while (this.pos < this.s.length) {
      const c = this.s[this.pos++]!;
      if (c === quote) return out;
      if (c === '\\') {
        const e = this.s[this.pos++];
        if (e === undefined) break;
        out += e === 'n' ? '\n' : e === 't' ? '\t' : e;
      } else out += c;
    }
    return this.fail('unterminated string');
  }

  private sequence(close: string): PyValue[] {
    this.pos++;
    const out: PyValue[] = [];
    for (;;) {
      this.skip();
      if (this.s[this.pos] === close) {
        this.pos++;
        return out;
      }
      out.push(this.value());
      this.skip();
      const c = this.s[this.pos];
      if (c === ',') this.pos++;
      else if (c !== close) this.fail(`expected ',' or '${close}'`);
    }
  }

  private dict(): Map<string, PyValue> {
    this.pos++;
    const out = new Map<string, PyValue>();
    for (;;) {
      this.skip();
      if (this.s[this.pos] === '}') {
        this.pos++;
        return out;
      }
      const key = this.value();
      if (typeof key !== 'string') this.fail('dict keys must be strings');
      this.skip();
      if (this.s[this.pos] !== ':') this.fail("expected ':'");
      this.pos++;
      out.set(key, this.value());
      this.skip();
      const c = this.s[this.pos];
      if (c === ',') this.pos++;
      else if (c !== '}') this.fail("expected ',' or '}'");
    }
  }
}

/** Parses one Python literal; throws an Error saying where the text is malformed. */
export function parsePythonLiteral(text: string): PyValue {
  return new Parser(text).parse();
}
