/**
 * Reads the tensor of `--set-initializer NAME=FILE` and of tensor attributes ("@FILE"). Every
 * tensor-file format of `onnx run` works (.npy, .npz with one array, .pb TensorProto, .json).
 */
import { Tensor } from '../ir/tensor.js';
import { readValueFile } from '../io/tensor-files/index.js';
import { OnnxError } from '../util/errors.js';

export function readTensorFile(file: string, display = file): Tensor {
  const v = readValueFile(file, { display });
  if (!(v instanceof Tensor)) throw new OnnxError('E_TENSOR_FILE', `"${display}" holds a ${v.kind}, not a tensor`, { path: display });
  return v;
}
