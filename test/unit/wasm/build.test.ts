/**
 * The committed kernel binaries (src/runtime/wasm/kernels-binary.ts) must be what the
 * AssemblyScript sources compile to: rebuilt here and compared byte for byte.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildKernels, OUTPUT, renderModule } from '../../../scripts/build-wasm.mjs';

async function compilerAvailable(): Promise<boolean> {
  if (process.env.ASC_MODULE) return true;
  try {
    await import('assemblyscript/asc' as string);
    return true;
  } catch {
    return false;
  }
}

describe('wasm kernels binary', () => {
  it('matches a fresh build of src/wasm/assembly', async () => {
    // assemblyscript is a devDependency: a missing compiler is a broken install, not a pass.
    expect(await compilerAvailable(), 'assemblyscript is not installed: run npm ci').toBe(true);
    const built = (await buildKernels()) as Record<string, Buffer>;
    expect(renderModule(built) === fs.readFileSync(OUTPUT, 'utf8'), 'src/runtime/wasm/kernels-binary.ts is stale: run npm run build:wasm').toBe(true);
  });
});
