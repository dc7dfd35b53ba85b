/**
 * An independent decoder for comparisons: protobufjs reflection over proto/onnx.proto, which
 * shares nothing with the generated code or our TensorProto codec.
 */
import path from 'node:path';
import protobuf from 'protobufjs';
import { REPO_ROOT } from './backend-tests.js';

const root = protobuf.loadSync(path.join(REPO_ROOT, 'proto/onnx.proto'));
const ModelProto = root.lookupType('onnx.ModelProto');

/** The message as plain data with defaults filled, int64 as strings, bytes as base64. */
export function decodeForComparison(bytes: Uint8Array): unknown {
  const m = ModelProto.decode(bytes);
  return ModelProto.toObject(m, { longs: String, bytes: String, defaults: true, arrays: true, oneofs: true });
}
