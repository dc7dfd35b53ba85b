/**
 * ink and React are imported only in ink mode: --json, pipes, CI and NO_COLOR never load them.
 * The mocks count the imports (each test file has its own module registry, so the count is ours).
 */
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { REPO_ROOT } from '../helpers/backend-tests.js';
import { cli } from '../helpers/run-cli.js';

const loads = vi.hoisted(() => ({ ink: 0, react: 0 }));
vi.mock('ink', async (importOriginal) => {
  loads.ink++;
  return importOriginal();
});
// The views reach React through the JSX runtime (ink loads React itself, outside these mocks);
// vitest compiles JSX for development, tsc for production.
vi.mock('react/jsx-runtime', async (importOriginal) => {
  loads.react++;
  return importOriginal();
});
vi.mock('react/jsx-dev-runtime', async (importOriginal) => {
  loads.react++;
  return importOriginal();
});

const CNN = 'fixtures/models/tiny-cnn.onnx';
const now = { delayMs: 0 };

describe('lazy ink', () => {
  it('--json, pipes, CI and NO_COLOR run every command without loading ink or React', async () => {
    const dot = path.join(REPO_ROOT, 'node_modules/.lazy-ink-test.dot');
    const commands = [
      ['info', CNN],
      ['check', 'fixtures/invalid/E_CYCLE.onnx'],
      ['run', 'fixtures/run/add-relu.onnx', '--repeat', '3'],
      ['edit', CNN, '--dry-run', '--set-batch', 'N'],
      ['draw', CNN, '-o', dot],
    ];
    for (const argv of commands) {
      await cli([...argv, '--json'], { tty: true, progress: now });
      await cli(argv, { progress: now });
      await cli(argv, { tty: true, env: { CI: 'true' }, progress: now });
      await cli(argv, { tty: true, env: { NO_COLOR: '1' }, progress: now });
      await cli(argv, { stdoutTTY: false, stderrTTY: true, progress: now }); // progress as a plain line
    }
    expect(loads).toEqual({ ink: 0, react: 0 });
    const tty = await cli(['info', CNN], { tty: true });
    expect(tty.code).toBe(0);
    expect(loads.ink).toBe(1);
    expect(loads.react).toBe(1);
  });
});
