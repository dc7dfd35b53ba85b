import { defineOp } from '../define.js';

export default defineOp({
  opType: 'StringNormalizer',
  category: 'text',
  versions: [
    { since: 10, inputs: 'X:tensor(string)', outputs: 'Y:tensor(string)', attrs: { case_change_action: 'string=NONE', is_case_sensitive: 'int=0', locale: 'string', stopwords: 'strings' } },
  ],
});
