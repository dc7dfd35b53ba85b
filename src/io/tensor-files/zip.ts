/**
 * A minimal zip reader and writer for .npz files: the central directory is parsed directly
 * (zip64 included), members are stored or deflated (node:zlib), CRC-32 is checked.
 */
import { zlib } from '../../util/builtins.js';
import { OnnxError } from '../../util/errors.js';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  /** Offset of the member's local header. */
  localOffset: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_LOCATOR64 = 0x07064b50;

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3), as zip stores it. */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function bad(file: string, what: string): OnnxError {
  return new OnnxError('E_TENSOR_FILE', `"${file}" is not a valid .npz (zip) file: ${what}`, { path: file });
}

function u64(view: DataView, at: number, file: string): number {
  const v = view.getBigUint64(at, true);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw bad(file, 'a zip64 size or offset is out of range');
  return Number(v);
}

/** Lists the members of a zip archive from its central directory. */
export function listZip(bytes: Uint8Array, file = '<bytes>'): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.byteLength;
  let eocd = -1;
  for (let i = n - 22; i >= Math.max(0, n - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw bad(file, 'no end-of-central-directory record (truncated, or not a zip archive)');
  if (view.getUint16(eocd + 4, true) !== 0 || view.getUint16(eocd + 6, true) !== 0) throw bad(file, 'multi-part archives are not supported');
  let count = view.getUint16(eocd + 10, true);
  let cdSize = view.getUint32(eocd + 12, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  // A zip64 locator right before the record means the zip64 record holds the real values.
  const loc = eocd - 20;
  const hasLocator = loc >= 0 && view.getUint32(loc, true) === SIG_LOCATOR64;
  if (hasLocator || count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    if (!hasLocator) throw bad(file, 'the zip64 end-of-central-directory locator is missing');
    const at = u64(view, loc + 8, file);
    if (at + 56 > n || view.getUint32(at, true) !== SIG_EOCD64) throw bad(file, 'the zip64 end-of-central-directory record is missing');
    count = u64(view, at + 32, file);
    cdSize = u64(view, at + 40, file);
    cdOffset = u64(view, at + 48, file);
  }
  if (cdOffset + cdSize > n) throw bad(file, `the central directory (${cdSize} bytes at ${cdOffset}) lies past the end of the file (${n} bytes)`);
  const entries: ZipEntry[] = [];
  const utf8 = new TextDecoder('utf-8');
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > n || view.getUint32(p, true) !== SIG_CENTRAL) throw bad(file, `central directory entry ${i} is malformed`);
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    let compressedSize = view.getUint32(p + 20, true);
    let size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    let localOffset = view.getUint32(p + 42, true);
    if (p + 46 + nameLen + extraLen + commentLen > n) throw bad(file, `central directory entry ${i} runs past the end of the file`);
    const name = utf8.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    if (flags & 1) throw bad(file, `member "${name}" is encrypted`);
    // zip64 extra field: the 64-bit values follow in this order, each only if its 32-bit field is saturated.
    let x = p + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const id = view.getUint16(x, true);
      const len = view.getUint16(x + 2, true);
      if (id === 0x0001) {
        let q = x + 4;
        const take = (): number => {
          if (q + 8 > x + 4 + len) throw bad(file, `the zip64 field of member "${name}" is too short`);
          const v = u64(view, q, file);
          q += 8;
          return v;
        };
        if (size === 0xffffffff) size = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localOffset === 0xffffffff) localOffset = take();
      }
      x += 4 + len;
    }
    entries.push({ name, method, compressedSize, size, crc, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The uncompressed bytes of one member; checks its size and CRC-32. */
export function readZipEntry(bytes: Uint8Array, e: ZipEntry, file = '<bytes>'): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const p = e.localOffset;
  if (p + 30 > bytes.byteLength || view.getUint32(p, true) !== SIG_LOCAL) throw bad(file, `the local header of member "${e.name}" is missing`);
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  if (start + e.compressedSize > bytes.byteLength) throw bad(file, `member "${e.name}" is cut short (the file is truncated)`);
  const packed = bytes.subarray(start, start + e.compressedSize);
  let data: Uint8Array;
  if (e.method === 0) data = packed;
  else if (e.method === 8) {
    try {
      data = zlib().inflateRawSync(packed);
    } catch (err) {
      throw bad(file, `member "${e.name}" does not inflate: ${(err as Error).message}`);
    }
  } else throw bad(file, `member "${e.name}" uses compression method ${e.method}; only stored (0) and deflate (8) are supported`);
  if (data.byteLength !== e.size) throw bad(file, `member "${e.name}" has ${data.byteLength} bytes, the directory says ${e.size}`);
  if (crc32(data) !== e.crc) throw bad(file, `member "${e.name}" fails its CRC-32 check (the file is corrupt)`);
  return data;
}

export interface ZipWriteOptions {
  /** Deflate members (default: stored). */
  deflate?: boolean;
  /** Write zip64 records even when not needed (members larger than 4 GiB always get them). */
  zip64?: boolean;
}

/** Builds a zip archive of `files` (deterministic: every timestamp is 1980-01-01). */
export function writeZip(files: readonly { name: string; data: Uint8Array }[], opts: ZipWriteOptions = {}): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const utf8 = new TextEncoder();
  const use64 = (x: number): boolean => !!opts.zip64 || x >= 0xffffffff;
  for (const f of files) {
    const name = utf8.encode(f.name);
    const packed = opts.deflate ? zlib().deflateRawSync(f.data) : f.data;
    const crc = crc32(f.data);
    const z64 = use64(f.data.byteLength) || use64(packed.byteLength) || use64(offset);
    const extra = new Uint8Array(z64 ? 28 : 0);
    if (z64) {
      const xv = new DataView(extra.buffer);
      xv.setUint16(0, 0x0001, true);
      xv.setUint16(2, 24, true);
      xv.setBigUint64(4, BigInt(f.data.byteLength), true);
      xv.setBigUint64(12, BigInt(packed.byteLength), true);
      xv.setBigUint64(20, BigInt(offset), true);
    }
    const local = new Uint8Array(30 + name.length + (z64 ? 20 : 0));
    const lv = new DataView(local.buffer);
    lv.setUint32(0, SIG_LOCAL, true);
    lv.setUint16(4, z64 ? 45 : 20, true);
    lv.setUint16(6, 0x0800, true);
    lv.setUint16(8, opts.deflate ? 8 : 0, true);
    lv.setUint16(12, 0x0021, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, z64 ? 0xffffffff : packed.byteLength, true);
    lv.setUint32(22, z64 ? 0xffffffff : f.data.byteLength, true);
    lv.setUint16(26, name.length, true);
    lv.setUint16(28, z64 ? 20 : 0, true);
    local.set(name, 30);
    if (z64) {
      // The local copy of the zip64 field holds the two sizes only.
      local.set(extra.subarray(0, 20), 30 + name.length);
      lv.setUint16(30 + name.length + 2, 16, true);
    }
    const cen = new Uint8Array(46 + name.length + extra.length);
    const cv = new DataView(cen.buffer);
    cv.setUint32(0, SIG_CENTRAL, true);
    cv.setUint16(4, z64 ? 45 : 20, true);
    cv.setUint16(6, z64 ? 45 : 20, true);
    cv.setUint16(8, 0x0800, true);
    cv.setUint16(10, opts.deflate ? 8 : 0, true);
    cv.setUint16(14, 0x0021, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, z64 ? 0xffffffff : packed.byteLength, true);
    cv.setUint32(24, z64 ? 0xffffffff : f.data.byteLength, true);
    cv.setUint16(28, name.length, true);
    cv.setUint16(30, extra.length, true);
    cv.setUint32(42, z64 ? 0xffffffff : offset, true);
    cen.set(name, 46);
    cen.set(extra, 46 + name.length);
    central.push(cen);
    chunks.push(local, packed);
    offset += local.length + packed.byteLength;
  }
  const cdOffset = offset;
  const cdSize = central.reduce((s, c) => s + c.length, 0);
  const z64 = !!opts.zip64 || files.length >= 0xffff || use64(cdOffset) || use64(cdSize);
  const tail: Uint8Array[] = [];
  if (z64) {
    const rec = new Uint8Array(56 + 20);
    const rv = new DataView(rec.buffer);
    rv.setUint32(0, SIG_EOCD64, true);
    rv.setBigUint64(4, 44n, true);
    rv.setUint16(12, 45, true);
    rv.setUint16(14, 45, true);
    rv.setBigUint64(24, BigInt(files.length), true);
    rv.setBigUint64(32, BigInt(files.length), true);
    rv.setBigUint64(40, BigInt(cdSize), true);
    rv.setBigUint64(48, BigInt(cdOffset), true);
    rv.setUint32(56, SIG_LOCATOR64, true);
    rv.setBigUint64(64, BigInt(cdOffset + cdSize), true);
    rv.setUint32(72, 1, true);
    tail.push(rec);
  }
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, SIG_EOCD, true);
  ev.setUint16(8, z64 ? 0xffff : files.length, true);
  ev.setUint16(10, z64 ? 0xffff : files.length, true);
  ev.setUint32(12, z64 ? 0xffffffff : cdSize, true);
  ev.setUint32(16, z64 ? 0xffffffff : cdOffset, true);
  tail.push(end);
  const all = [...chunks, ...central, ...tail];
  const out = new Uint8Array(all.reduce((s, c) => s + c.byteLength, 0));
  let at = 0;
  for (const c of all) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
