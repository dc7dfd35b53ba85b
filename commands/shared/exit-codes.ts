import type { ErrorKind } from '../../src/util/errors.js';

/** Exit codes of the contract (design/cli.md). */
export const ExitCode = { OK: 0, FINDINGS: 1, USAGE: 2, INPUT: 3, UNSUPPORTED: 4, INTERNAL: 70 } as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export function exitCodeOf(kind: ErrorKind): ExitCodeValue {
  switch (kind) {
    case 'usage':
      return ExitCode.USAGE;
    case 'input':
      return ExitCode.INPUT;
    case 'unsupported':
      return ExitCode.UNSUPPORTED;
    case 'findings':
      return ExitCode.FINDINGS;
    case 'internal':
      return ExitCode.INTERNAL;
  }
}
