import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Tile',
  category: 'shape',
  versions: [
    { since: 1, inputs: 'input:T, tiles:T, axis:T', outputs: 'output:T', types: { T: 'float16 float double', T1: 'int64' } },
    { since: 6, inputs: 'input:T, repeats:T1', outputs: 'output:T', types: { T: '$all_v1', T1: 'int64' } },
    { since: 13, inputs: 'input:T, repeats:T1', outputs: 'output:T', types: { T: '$all_v13', T1: 'int64' } },
  ],
});
