// Reading a kernel's parameter block: 4-byte slots of i32 or f32 at `p` (the host side writes
// them: src/runtime/wasm/params.ts and the *-call.ts files).

/** Slot `slot` of the block at `p`, as an i32. */
// @ts-ignore: decorator
@inline
export function pi(p: usize, slot: i32): i32 {
  return load<i32>(p + (<usize>slot << 2));
}

/** Slot `slot` of the block at `p`, as an f32. */
// @ts-ignore: decorator
@inline
export function pf(p: usize, slot: i32): f32 {
  return load<f32>(p + (<usize>slot << 2));
}
