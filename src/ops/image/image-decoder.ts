import { defineOp } from '../define.js';

export default defineOp({
  opType: 'ImageDecoder',
  category: 'image',
  versions: [
    { since: 20, inputs: 'encoded_stream:T1', outputs: 'image:T2', attrs: { pixel_format: 'string=RGB' }, types: { T1: 'uint8', T2: 'uint8' } },
  ],
});
