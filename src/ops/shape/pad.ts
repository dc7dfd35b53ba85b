import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Pad',
  category: 'shape',
  versions: [
    { since: 1, inputs: 'data:T', outputs: 'output:T', attrs: { mode: 'string=constant', paddings: 'ints!', value: 'float=0.0' }, types: { T: 'float16 float double' } },
    { since: 2, inputs: 'data:T', outputs: 'output:T', attrs: { mode: 'string=constant', pads: 'ints!', value: 'float=0.0' }, types: { T: 'float16 float double' } },
    { since: 11, inputs: 'data:T, pads:tensor(int64), constant_value?:T', outputs: 'output:T', attrs: { mode: 'string=constant' }, types: { T: '$numeric' } },
    { since: 13, inputs: 'data:T, pads:tensor(int64), constant_value?:T', outputs: 'output:T', attrs: { mode: 'string=constant' }, types: { T: '$all_v13' } },
    { since: 18, inputs: 'data:T, pads:tensor(int64), constant_value?:T, axes?:Tind', outputs: 'output:T', attrs: { mode: 'string=constant' }, types: { T: '$all_v13', Tind: 'int32 int64' } },
    { since: 19, inputs: 'data:T, pads:tensor(int64), constant_value?:T, axes?:Tind', outputs: 'output:T', attrs: { mode: 'string=constant' }, types: { T: '$all_v13', Tind: 'int32 int64' } },
    { since: 21, inputs: 'data:T, pads:tensor(int64), constant_value?:T, axes?:Tind', outputs: 'output:T', attrs: { mode: 'string=constant' }, types: { T: '$all_v21', Tind: 'int32 int64' } },
    { since: 23, inputs: 'data:T, pads:tensor(int64), constant_value?:T, axes?:Tind', outputs: 'output:T', attrs: { mode: 'string=constant' }, types: { T: '$all_v23', Tind: 'int32 int64' } },
    { since: 24, inputs: 'data:T, pads:tensor(int64), constant_value?:T, axes?:Tind', outputs: 'output:T', attrs: { mode: 'string=constant' }, types: { T: '$all_v24', Tind: 'int32 int64' } },
    { since: 25, inputs: 'data:T, pads:tensor(int64), constant_value?:T, axes?:Tind', outputs: 'output:T', attrs: { mode: 'string=constant' }, types: { T: '$all_v25', Tind: 'int32 int64' } },
  ],
});
