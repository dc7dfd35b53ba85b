// Entry of the kernel module: every export is a kernel or a helper the JS glue calls.
// Parallel kernels share one signature, (params, begin, end, scratch): the work units
// [begin, end) of the job described by the parameter block at `params`.
export { gemm, gemm_pack_a, gemm_pack_b, gemm_packed_a_size, gemm_packed_b_size, gemm_scratch_bytes } from './gemm';
export { unary, binary } from './elementwise';
export { softmax, layernorm, instnorm, channel_affine, reduce_rows } from './rows';
export { window2d } from './window';
export { depthwise3x3_scratch_bytes } from './depthwise';
export { pad_planes } from './im2col';
export { lstm_cell, lstm_step, lstm_seq } from './rnn';
export { transpose } from './transpose';
export { winograd, winograd_region_bytes } from './winograd';
