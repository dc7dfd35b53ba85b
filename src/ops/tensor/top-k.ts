import { defineOp } from '../define.js';

export default defineOp({
  opType: 'TopK',
  category: 'tensor',
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Values:T, Indices:I', attrs: { axis: 'int=-1', k: 'int!' }, types: { T: 'float16 float double', I: 'int64' } },
    { since: 10, inputs: 'X:T, K:tensor(int64)', outputs: 'Values:T, Indices:I', attrs: { axis: 'int=-1' }, types: { T: 'float16 float double', I: 'int64' } },
    { since: 11, inputs: 'X:T, K:tensor(int64)', outputs: 'Values:T, Indices:I', attrs: { axis: 'int=-1', largest: 'int=1', sorted: 'int=1' }, types: { T: '$numeric', I: 'int64' } },
    { since: 24, inputs: 'X:T, K:tensor(int64)', outputs: 'Values:T, Indices:I', attrs: { axis: 'int=-1', largest: 'int=1', sorted: 'int=1' }, types: { T: '$numeric_v13', I: 'int64' } },
  ],
});
