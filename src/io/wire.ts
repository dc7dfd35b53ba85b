/**
 * A minimal protobuf wire reader for the direct ModelProto decoder (decode-model.ts). It reads
 * only well-formed data: anything unusual (truncation, a malformed varint, a group, a field of
 * an unexpected wire type) throws `Unusual`, and the caller decodes the file again with the
 * generated code, which gives the exact result or error. Values it does read are the ones
 * protobufjs would give: strings through the same UTF-8 routine, int32 as the low 32 bits.
 */
import protobuf from 'protobufjs/minimal.js';

/** Thrown when the fast path meets data it leaves to the generated decoder. */
export class Unusual extends Error {}

const UNUSUAL = new Unusual('unusual protobuf data');

/** Wire types. */
export const VARINT = 0;
export const FIXED64 = 1;
export const LEN = 2;
export const FIXED32 = 5;

const utf8Read = protobuf.util.utf8.read;

/** Node's Buffer has an undocumented utf8Slice, which protobufjs's BufferReader uses for strings. */
type NodeBuffer = Buffer & { utf8Slice(start: number, end: number): string };

export class WireReader {
  pos = 0;
  /** Field number and wire type of the last tag read. */
  field = 0;
  wire = 0;
  /** Halves of the last int64 read. */
  lo = 0;
  hi = 0;
  private readonly isBuffer: boolean;
  private readonly f32 = new Float32Array(1);
  private readonly f32bytes = new Uint8Array(this.f32.buffer);

  constructor(readonly buf: Uint8Array) {
    this.isBuffer = Buffer.isBuffer(buf);
  }

  fail(): never {
    throw UNUSUAL;
  }

  /** A varint that must fit 32 bits unsigned (tags, lengths); longer forms are left to the slow path. */
  private varint32(end: number): number {
    const buf = this.buf;
    let pos = this.pos;
    let value = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      if (pos >= end) this.fail();
      const b = buf[pos++]!;
      value |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        return value >>> 0;
      }
    }
    if (pos >= end) this.fail();
    const b = buf[pos++]!;
    if (b > 0x0f) this.fail();
    this.pos = pos;
    return (value | (b << 28)) >>> 0;
  }

  /** Reads a tag; false at `end`. */
  next(end: number): boolean {
    if (this.pos >= end) {
      if (this.pos > end) this.fail();
      return false;
    }
    const tag = this.varint32(end);
    this.field = tag >>> 3;
    this.wire = tag & 7;
    if (this.field === 0) this.fail();
    return true;
  }

  /** Fails unless the last tag had wire type `w` (protobufjs would treat it as unknown). */
  expect(w: number): void {
    if (this.wire !== w) this.fail();
  }

  /** Length of a length-delimited field; returns its end. */
  len(end: number): number {
    const n = this.varint32(end);
    const e = this.pos + n;
    if (e > end) this.fail();
    return e;
  }

  /** int32 as protobufjs reads it: the low 32 bits of the varint, signed. */
  int32(end: number): number {
    this.int64(end);
    return this.lo | 0;
  }

  /** Reads an int64 varint into `lo`/`hi` (unsigned halves). */
  int64(end: number): void {
    const buf = this.buf;
    let pos = this.pos;
    let lo = 0;
    let hi = 0;
    let b = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      if (pos >= end) this.fail();
      b = buf[pos++]!;
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        this.lo = lo >>> 0;
        this.hi = 0;
        return;
      }
    }
    if (pos >= end) this.fail();
    b = buf[pos++]!;
    lo |= (b & 0x7f) << 28;
    hi = (b & 0x7f) >> 4;
    if (b >= 0x80) {
      for (let shift = 3; ; shift += 7) {
        if (shift > 31 || pos >= end) this.fail();
        b = buf[pos++]!;
        hi |= (b & 0x7f) << shift;
        if (b < 0x80) break;
      }
    }
    this.pos = pos;
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
  }

  /** The last int64 as a number when a double holds it exactly, else undefined. */
  exact(): number | undefined {
    const h = this.hi | 0;
    const lo = this.lo;
    if ((h > -0x200000 && h < 0x200000) || (h === -0x200000 && lo !== 0)) return h * 4294967296 + lo;
    return undefined;
  }

  /** The last int64 as a signed bigint. */
  big(): bigint {
    return BigInt.asIntN(64, (BigInt(this.hi) << 32n) | BigInt(this.lo));
  }

  float(end: number): number {
    const pos = this.pos;
    if (pos + 4 > end) this.fail();
    const bytes = this.f32bytes;
    const buf = this.buf;
    bytes[0] = buf[pos]!;
    bytes[1] = buf[pos + 1]!;
    bytes[2] = buf[pos + 2]!;
    bytes[3] = buf[pos + 3]!;
    this.pos = pos + 4;
    return this.f32[0]!;
  }

  string(end: number): string {
    const e = this.len(end);
    const s = this.pos;
    this.pos = e;
    return this.isBuffer ? (this.buf as NodeBuffer).utf8Slice(s, e) : utf8Read(this.buf, s, e);
  }

  /** A view of a bytes field (no copy), as protobufjs returns it. */
  bytes(end: number): Uint8Array {
    const e = this.len(end);
    const s = this.pos;
    this.pos = e;
    return this.buf.subarray(s, e);
  }

  /** Skips the value of the last tag (an unknown field). Groups are left to the slow path. */
  skip(end: number): void {
    switch (this.wire) {
      case VARINT:
        this.int64(end);
        return;
      case FIXED64:
        if (this.pos + 8 > end) this.fail();
        this.pos += 8;
        return;
      case LEN:
        this.pos = this.len(end);
        return;
      case FIXED32:
        if (this.pos + 4 > end) this.fail();
        this.pos += 4;
        return;
      default:
        this.fail();
    }
  }
}
