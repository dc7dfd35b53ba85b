import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Attention',
  category: 'attention',
  versions: [
    { since: 23, inputs: 'Q:T1, K:T1, V:T2, attn_mask?:U, past_key?:T1, past_value?:T2', outputs: 'Y:T1, present_key?:T1, present_value?:T2, qk_matmul_output?:T1', attrs: { is_causal: 'int=0', kv_num_heads: 'int', q_num_heads: 'int', qk_matmul_output_mode: 'int=0', scale: 'float', softcap: 'float=0.0', softmax_precision: 'int' }, types: { T1: 'bfloat16 float16 float double', T2: 'bfloat16 float16 float double', U: 'uint8 uint16 uint32 uint64 int8 int16 int32 int64 bfloat16 float16 float double bool' } },
    { since: 24, inputs: 'Q:T1, K:T1, V:T2, attn_mask?:U, past_key?:T1, past_value?:T2, nonpad_kv_seqlen?:tensor(int64)', outputs: 'Y:T1, present_key?:T1, present_value?:T2, qk_matmul_output?:T1', attrs: { is_causal: 'int=0', kv_num_heads: 'int', q_num_heads: 'int', qk_matmul_output_mode: 'int=0', scale: 'float', softcap: 'float=0.0', softmax_precision: 'int' }, types: { T1: 'bfloat16 float16 float double', T2: 'bfloat16 float16 float double', U: 'uint8 uint16 uint32 uint64 int8 int16 int32 int64 bfloat16 float16 float double bool' } },
    { since: 25, inputs: 'Q:T1, K:T1, V:T2, attn_mask?:U, past_key?:T1, past_value?:T2, nonpad_kv_seqlen?:tensor(int64)', outputs: 'Y:T1, present_key?:T1, present_value?:T2, qk_matmul_output?:T1', attrs: { is_causal: 'int=0', kv_num_heads: 'int', left_window_size: 'int=-1', q_num_heads: 'int', qk_matmul_output_mode: 'int=0', right_window_size: 'int=-1', scale: 'float', softcap: 'float=0.0', softmax_precision: 'int' }, types: { T1: 'bfloat16 float16 float double', T2: 'bfloat16 float16 float double', U: 'uint8 uint16 uint32 uint64 int8 int16 int32 int64 bfloat16 float16 float double bool' } },
  ],
});
