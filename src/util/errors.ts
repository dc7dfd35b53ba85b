/**
 * The one error class of the library. Every failure the library reports carries a stable
 * `code`; the command layer maps the code's `kind` to an exit code. The library never prints
 * and never exits.
 */

/** What kind of failure a code is; the CLI maps each kind to one exit code. */
export type ErrorKind = 'usage' | 'input' | 'unsupported' | 'findings' | 'internal';

/** Every error code the library throws, with its kind. */
export const ERROR_CODES = {
  E_USAGE: 'usage',
  E_INVALID_ARG: 'usage',
  E_FILE_NOT_FOUND: 'input',
  E_NOT_A_FILE: 'input',
  E_EMPTY_FILE: 'input',
  E_READ: 'input',
  E_PARSE: 'input',
  E_FORMAT: 'input',
  E_INT64_RANGE: 'input',
  E_EXTERNAL_MISSING: 'input',
  E_EXTERNAL_RANGE: 'input',
  E_EXTERNAL_SECURITY: 'input',
  E_EXTERNAL_NOT_LOADED: 'internal',
  E_TENSOR_FILE: 'input',
  E_INPUT: 'usage',
  E_TOO_LARGE: 'unsupported',
  E_UNSUPPORTED: 'unsupported',
  E_UNSUPPORTED_OP: 'unsupported',
  E_NO_KERNEL: 'unsupported',
  E_UNSUPPORTED_DTYPE: 'unsupported',
  E_NO_OPSET: 'findings',
  E_INVALID_MODEL: 'findings',
  E_CYCLE: 'findings',
  E_INFER: 'findings',
  E_KERNEL: 'findings',
  E_GRAPH: 'findings',
  E_EDIT: 'findings',
  E_MISMATCH: 'findings',
  E_WRITE: 'input',
  E_INTERNAL: 'internal',
} as const satisfies Record<string, ErrorKind>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorDetail {
  /** Name of the node involved, if any. */
  node?: string;
  opType?: string;
  /** Name of the value involved, if any. */
  value?: string;
  /** File the error is about. */
  path?: string;
  /** One suggestion line for the user. */
  hint?: string;
  cause?: unknown;
}

export class OnnxError extends Error {
  override readonly name = 'OnnxError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail: ErrorDetail = {},
  ) {
    super(message, detail.cause === undefined ? undefined : { cause: detail.cause });
  }

  get kind(): ErrorKind {
    return ERROR_CODES[this.code];
  }
}

/** Throws an internal error if `cond` is false: for invariants that only a bug can break. */
export function invariant(cond: unknown, message: string): asserts cond {
  if (!cond) throw new OnnxError('E_INTERNAL', message);
}

/** A human-readable message of any thrown value. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
