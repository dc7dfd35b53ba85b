/**
 * A first-fit allocator over the shared WebAssembly memory: blocks for constant weights,
 * activation arenas and scratch. Blocks are 64-byte aligned (cache lines, and every SIMD load);
 * the memory grows when no free block fits. A guard is kept after the last block so that
 * kernels may load a whole vector at the tail of an array.
 */
import { OnnxError } from '../../util/errors.js';

const ALIGN = 64;
const PAGE = 65536;
/**
 * Bytes past the end of the used heap that are never handed out: kernels load whole vectors
 * (and im2col a few dozen floats) past the end of an array and discard the extra lanes.
 */
const GUARD = 4096;

interface Block {
  ptr: number;
  size: number;
}

export class WasmHeap {
  /** Free blocks sorted by address, coalesced. */
  private readonly free: Block[] = [];
  private readonly used = new Map<number, number>();
  /** End of the region handed out so far (the rest up to the memory's end is free). */
  private top: number;
  private usedBytes = 0;

  constructor(
    private readonly memory: WebAssembly.Memory,
    base: number,
    private readonly maxBytes: number,
  ) {
    this.top = roundUp(base, ALIGN);
  }

  /** Bytes currently allocated. */
  get allocated(): number {
    return this.usedBytes;
  }

  /** Allocates `bytes` (rounded up to 64); throws E_RESOURCE when the memory cannot grow enough. */
  alloc(bytes: number): number {
    const size = roundUp(Math.max(bytes, 1), ALIGN);
    for (let i = 0; i < this.free.length; i++) {
      const b = this.free[i]!;
      if (b.size < size) continue;
      const ptr = b.ptr;
      if (b.size === size) this.free.splice(i, 1);
      else {
        b.ptr += size;
        b.size -= size;
      }
      return this.take(ptr, size);
    }
    // Extend from the top, absorbing a free block that ends there.
    let start = this.top;
    const last = this.free[this.free.length - 1];
    if (last && last.ptr + last.size === this.top) {
      start = last.ptr;
      this.free.pop();
    }
    const end = start + size;
    this.ensure(end + GUARD);
    this.top = end;
    return this.take(start, size);
  }

  /** Returns a block to the heap. */
  release(ptr: number): void {
    const size = this.used.get(ptr);
    if (size === undefined) throw new OnnxError('E_INTERNAL', `wasm heap: block ${ptr} is not allocated`);
    this.used.delete(ptr);
    this.usedBytes -= size;
    // Insert sorted, then merge with the neighbours.
    let lo = 0;
    let hi = this.free.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.free[mid]!.ptr < ptr) lo = mid + 1;
      else hi = mid;
    }
    this.free.splice(lo, 0, { ptr, size });
    const next = this.free[lo + 1];
    const cur = this.free[lo]!;
    if (next && cur.ptr + cur.size === next.ptr) {
      cur.size += next.size;
      this.free.splice(lo + 1, 1);
    }
    const prev = this.free[lo - 1];
    if (prev && prev.ptr + prev.size === cur.ptr) {
      prev.size += cur.size;
      this.free.splice(lo, 1);
    }
  }

  /** Size of an allocated block. */
  sizeOf(ptr: number): number | undefined {
    return this.used.get(ptr);
  }

  private take(ptr: number, size: number): number {
    this.used.set(ptr, size);
    this.usedBytes += size;
    return ptr;
  }

  private ensure(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes <= have) return;
    if (bytes > this.maxBytes) {
      throw outOfMemory(bytes, this.maxBytes);
    }
    // Grow by at least a quarter of the current size to keep the number of grows small.
    const want = Math.min(this.maxBytes, Math.max(bytes, have + have / 4));
    try {
      this.memory.grow(Math.ceil((want - have) / PAGE));
    } catch {
      try {
        this.memory.grow(Math.ceil((bytes - have) / PAGE));
      } catch {
        throw outOfMemory(bytes, this.maxBytes);
      }
    }
  }
}

/** E_TOO_LARGE: callers of the fast path fall back to the reference kernels on it. */
function outOfMemory(bytes: number, max: number): OnnxError {
  return new OnnxError('E_TOO_LARGE', `the WebAssembly memory cannot grow to ${Math.ceil(bytes / 2 ** 20)} MiB (limit ${Math.floor(max / 2 ** 20)} MiB)`);
}

export function roundUp(n: number, m: number): number {
  return Math.ceil(n / m) * m;
}
