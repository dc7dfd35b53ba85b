/** Every fast kernel, by op type (domain ai.onnx). */
import { activationFastOps } from './activation.js';
import { fastConv } from './conv.js';
import { binaryFastOps } from './elementwise.js';
import { fastGemm } from './gemm.js';
import { fastMatMul } from './matmul.js';
import { poolFastOps } from './pool.js';
import { rnnFastOps } from './rnn.js';
import { rowFastOps } from './rows.js';
import { fastTranspose } from './transpose.js';
import type { FastOp } from './types.js';

const ALL: readonly FastOp[] = [fastMatMul, fastGemm, fastConv, ...poolFastOps, ...binaryFastOps, ...activationFastOps, ...rowFastOps, ...rnnFastOps, fastTranspose];

export const fastOps: ReadonlyMap<string, FastOp> = new Map(ALL.map((op) => [op.opType, op]));
