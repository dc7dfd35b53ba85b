/** Every fast kernel, by op type (domain ai.onnx). */
import { activationFastOps } from './activation.js';
import { binaryFastOps } from './elementwise.js';
import { fastGemm } from './gemm.js';
import { fastMatMul } from './matmul.js';
import { rowFastOps } from './rows.js';
import type { FastOp } from './types.js';

const ALL: readonly FastOp[] = [fastMatMul, fastGemm, ...binaryFastOps, ...activationFastOps, ...rowFastOps];

export const fastOps: ReadonlyMap<string, FastOp> = new Map(ALL.map((op) => [op.opType, op]));
