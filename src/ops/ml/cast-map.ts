import { defineOp } from '../define.js';

export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'CastMap',
  category: 'ml',
  versions: [
    { since: 1, inputs: 'X:T1', outputs: 'Y:T2', attrs: { cast_to: 'string=TO_FLOAT', map_form: 'string=DENSE', max_map: 'int=1' }, types: { T1: 'map(int64,string) map(int64,float)', T2: 'string float int64' } },
  ],
});
