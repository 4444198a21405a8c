import { Inflate } from "fflate";

/**
 * The zip container of an .xlsx, read the way ExcelJS's zip library reads it: through the central directory.
 * fflate inflates (streaming, so a byte cap stops a bomb early); it exposes no entry offsets, so the
 * directory itself is read here. Pure: bytes in, entries out; never inflates more than asked.
 */

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else cannot be read. */
  method: number;
  compressedSize: number;
  /** The inflated size the directory declares (may lie; inflateEntry checks it). */
  size: number;
  /** Where the entry's compressed data starts. */
  dataOffset: number;
}

/** Why the container cannot be read: `corrupt` (structure), `method` (unknown compression), `overflow` (cap). */
export class ZipError extends Error {
  constructor(
    readonly kind: "corrupt" | "method" | "overflow",
    message: string
  ) {
    super(message);
  }
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function corrupt(what: string): never {
  throw new ZipError("corrupt", what);
}

class Reader {
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  has(offset: number, length: number): boolean {
    return offset >= 0 && length >= 0 && offset + length <= this.bytes.length;
  }
  u16(o: number): number {
    if (!this.has(o, 2)) corrupt("cắt cụt");
    return this.view.getUint16(o, true);
  }
  u32(o: number): number {
    if (!this.has(o, 4)) corrupt("cắt cụt");
    return this.view.getUint32(o, true);
  }
  u64(o: number): number {
    const lo = this.u32(o);
    const hi = this.u32(o + 4);
    if (hi > 0x1fffff) corrupt("kích thước zip64 quá lớn");
    return hi * 0x100000000 + lo;
  }
}

function findEndRecord(r: Reader): number {
  const last = r.bytes.length - 22;
  const first = Math.max(0, last - 65535);
  for (let o = last; o >= first; o--) {
    if (r.bytes[o] === 0x50 && r.bytes[o + 1] === 0x4b && r.u32(o) === EOCD) return o;
  }
  return corrupt("không có thư mục trung tâm");
}

/** The entries the central directory lists, at most `maxEntries` (beyond that: corrupt with the count). */
export function readCentralDirectory(
  bytes: Uint8Array,
  maxEntries: number
): { entries: ZipEntry[]; declaredCount: number } {
  const r = new Reader(bytes);
  const end = findEndRecord(r);
  let count = r.u16(end + 10);
  let offset = r.u32(end + 16);
  if (r.has(end - 20, 20) && r.u32(end - 20) === EOCD64_LOCATOR) {
    const at = r.u64(end - 20 + 8);
    if (r.u32(at) !== EOCD64) corrupt("bản ghi zip64 sai");
    count = r.u64(at + 32);
    offset = r.u64(at + 48);
  }
  if (count > maxEntries) return { entries: [], declaredCount: count };
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder("utf-8");
  let o = offset;
  for (let i = 0; i < count; i++) {
    if (r.u32(o) !== CENTRAL) corrupt("mục thư mục trung tâm sai");
    const method = r.u16(o + 10);
    let compressedSize = r.u32(o + 20);
    let size = r.u32(o + 24);
    const nameLength = r.u16(o + 28);
    const extraLength = r.u16(o + 30);
    const commentLength = r.u16(o + 32);
    let localOffset = r.u32(o + 42);
    if (!r.has(o + 46, nameLength + extraLength)) corrupt("cắt cụt");
    const name = decoder.decode(bytes.subarray(o + 46, o + 46 + nameLength));
    // Zip64 sizes and offset sit in extra field 0x0001, in this order, only for the fields set to 0xffffffff.
    let e = o + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = r.u16(e);
      const len = r.u16(e + 2);
      if (id === 0x0001) {
        let p = e + 4;
        if (size === 0xffffffff) ((size = r.u64(p)), (p += 8));
        if (compressedSize === 0xffffffff) ((compressedSize = r.u64(p)), (p += 8));
        if (localOffset === 0xffffffff) localOffset = r.u64(p);
      }
      e += 4 + len;
    }
    if (r.u32(localOffset) !== LOCAL) corrupt("tiêu đề cục bộ sai");
    const dataOffset = localOffset + 30 + r.u16(localOffset + 26) + r.u16(localOffset + 28);
    if (!r.has(dataOffset, compressedSize)) corrupt("cắt cụt");
    entries.push({ name, method, compressedSize, size, dataOffset });
    o += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, declaredCount: count };
}

/** Compressed bytes pushed per step: one step inflates to at most ~16 MB, so a bomb is stopped early. */
const STEP = 16 * 1024;

/**
 * The entry's inflated bytes; a ZipError `overflow` as soon as more than `cap` bytes come out, `corrupt` when
 * the stream is broken or its length differs from the declared one.
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, cap: number): Uint8Array {
  const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.method === 0) {
    if (data.length > cap) throw new ZipError("overflow", entry.name);
    if (data.length !== entry.size) corrupt(`kích thước của ${entry.name} không khớp`);
    return data;
  }
  if (entry.method !== 8) throw new ZipError("method", entry.name);
  const parts: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const inflate = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > cap) throw new ZipError("overflow", entry.name);
    parts.push(chunk);
    if (final) ended = true;
  });
  try {
    for (let i = 0; i < data.length && !ended; i += STEP) {
      inflate.push(data.subarray(i, i + STEP), i + STEP >= data.length);
    }
    if (data.length === 0) inflate.push(new Uint8Array(0), true);
  } catch (e) {
    if (e instanceof ZipError) throw e;
    corrupt(`dữ liệu nén của ${entry.name} hỏng`);
  }
  if (!ended || total !== entry.size) corrupt(`kích thước của ${entry.name} không khớp`);
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
