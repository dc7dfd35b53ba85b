import { defineOp } from '../define.js';

export default defineOp({
  opType: 'RegexFullMatch',
  category: 'text',
  versions: [
    { since: 20, inputs: 'X:T1', outputs: 'Y:T2', attrs: { pattern: 'string' }, types: { T1: 'string', T2: 'bool' } },
  ],
});
