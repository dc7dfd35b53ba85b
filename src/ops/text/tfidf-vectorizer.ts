import { defineOp } from '../define.js';

export default defineOp({
  opType: 'TfIdfVectorizer',
  category: 'text',
  versions: [
    { since: 9, inputs: 'X:T', outputs: 'Y:T1', attrs: { max_gram_length: 'int!', max_skip_count: 'int!', min_gram_length: 'int!', mode: 'string!', ngram_counts: 'ints!', ngram_indexes: 'ints!', pool_int64s: 'ints', pool_strings: 'strings', weights: 'floats' }, types: { T: 'string int32 int64', T1: 'float' } },
  ],
});
