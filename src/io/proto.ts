/**
 * The generated protobuf code, with the TensorProto codec replaced by `tensor-codec.ts`.
 * Every other module imports the schema from here, never from proto/ directly, so the
 * replacement is always in place.
 */
import { onnx } from '../../proto/onnx.js';
import { decodeTensorProto, encodeTensorProto } from './tensor-codec.js';

const tensorProto = onnx.TensorProto as unknown as {
  decode: typeof decodeTensorProto;
  encode: typeof encodeTensorProto;
};
tensorProto.decode = decodeTensorProto;
tensorProto.encode = encodeTensorProto;

export { onnx };
