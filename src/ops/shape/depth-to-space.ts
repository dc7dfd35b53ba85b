import { defineOp } from '../define.js';

export default defineOp({
  opType: 'DepthToSpace',
  category: 'shape',
  versions: [
    { since: 1, inputs: 'input:T', outputs: 'output:T', attrs: { blocksize: 'int!' }, types: { T: '$all_v1' } },
    { since: 11, inputs: 'input:T', outputs: 'output:T', attrs: { blocksize: 'int!', mode: 'string=DCR' }, types: { T: '$all_v1' } },
    { since: 13, inputs: 'input:T', outputs: 'output:T', attrs: { blocksize: 'int!', mode: 'string=DCR' }, types: { T: '$all_v13' } },
  ],
});
