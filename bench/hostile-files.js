"use strict";
// Hostile and damaged workbooks, built from a good .xlsx at test or bench time (nothing large is committed).
// Used by tests/core/hostile.test.ts, tests/cli/hostile.test.ts and bench/hostile.js.
const { deflateSync, unzipSync, strFromU8, strToU8 } = require("fflate");

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes) {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * A zip of entries { name, data } (deflated here) or { name, raw, size, crc } (already deflated, sizes as given,
 * so that a test can declare a size the data does not have).
 */
function writeZip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const e of entries) {
    const name = strToU8(e.name);
    const raw = e.raw ?? deflateSync(e.data, { level: 6 });
    const size = e.size ?? e.data.length;
    const crc = e.crc ?? (e.data ? crc32(e.data) : 0);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x0800, true);
    lv.setUint16(8, 8, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, raw.length, true);
    lv.setUint32(22, size >>> 0, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x0800, true);
    cv.setUint16(10, 8, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, raw.length, true);
    cv.setUint32(24, size >>> 0, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, raw);
    centrals.push(central);
    offset += local.length + raw.length;
  }
  const cdSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, Math.min(entries.length, 0xffff), true);
  ev.setUint16(10, Math.min(entries.length, 0xffff), true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const all = [...locals, ...centrals, end];
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of all) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Bits written least significant first, as deflate wants them. */
class BitWriter {
  constructor(capacity) {
    this.buf = new Uint8Array(capacity);
    this.pos = 0;
    this.bit = 0;
  }
  write(value, bits) {
    for (let i = 0; i < bits; i++) {
      if ((value >>> i) & 1) this.buf[this.pos] |= 1 << this.bit;
      if (++this.bit === 8) ((this.bit = 0), this.pos++);
    }
  }
  /** Huffman codes go most significant bit first. */
  writeCode(code, bits) {
    for (let i = bits - 1; i >= 0; i--) this.write((code >>> i) & 1, 1);
  }
}

function fixedLiteral(w, byte) {
  if (byte < 144) w.writeCode(0x30 + byte, 8);
  else w.writeCode(0x190 + byte - 144, 9);
}

/**
 * A raw deflate stream of `prefix`, then `repeat` bytes of the prefix's last byte, then `suffix`: one fixed-Huffman
 * block whose middle is (length 258, distance 1) pairs, 8 pairs = 13 bytes. Built by copying those 13 bytes, so
 * a 3 GB stream takes a blink and ~19 MB.
 */
function repeatedDeflate(prefix, repeat, suffix) {
  const units = Math.floor(repeat / 2064);
  const w = new BitWriter(prefix.length * 2 + suffix.length * 2 + 64);
  w.write(1, 1); // final block
  w.write(1, 2); // fixed Huffman
  for (const b of prefix) fixedLiteral(w, b);
  // (258, 1) pairs of 13 bits each until the bit position is 0, so that the copied pairs start on a byte.
  let padding = 0;
  while (w.bit !== 0) {
    w.writeCode(0xc5, 8);
    w.write(0, 5);
    padding += 258;
  }
  const head = w.buf.slice(0, w.pos);
  const unit = new BitWriter(16);
  for (let i = 0; i < 8; i++) {
    unit.writeCode(0xc5, 8); // length code 285 = 258
    unit.write(0, 5); // distance code 0 = 1
  }
  const unitBytes = unit.buf.slice(0, 13);
  const tail = new BitWriter(suffix.length * 2 + 4);
  for (const b of suffix) fixedLiteral(tail, b);
  tail.writeCode(0, 7); // end of block
  const tailBytes = tail.buf.slice(0, tail.pos + (tail.bit ? 1 : 0));
  const out = new Uint8Array(head.length + units * 13 + tailBytes.length);
  out.set(head, 0);
  out.set(unitBytes, head.length);
  let filled = 13;
  while (filled < units * 13) {
    const n = Math.min(filled, units * 13 - filled);
    out.copyWithin(head.length + filled, head.length, head.length + n);
    filled += n;
  }
  out.set(tailBytes, head.length + units * 13);
  return { raw: out, size: prefix.length + padding + units * 2064 + suffix.length };
}

/** The base workbook's entries, with a function to zip them back with some replaced or added. */
function parts(base) {
  const files = unzipSync(base);
  return {
    text: (name) => strFromU8(files[name]),
    zip: (changes = {}, extra = []) => {
      const entries = [];
      for (const [name, data] of Object.entries(files)) {
        if (name in changes) {
          const c = changes[name];
          if (c === null) continue;
          entries.push(typeof c === "string" ? { name, data: strToU8(c) } : { name, ...c });
        } else entries.push({ name, data });
      }
      return writeZip([...entries, ...extra]);
    },
  };
}

const SHEET = "xl/worksheets/sheet1.xml";
const WORKBOOK = "xl/workbook.xml";

function insertBeforeSheetDataEnd(xml, rows) {
  return xml.replace("</sheetData>", `${rows}</sheetData>`);
}

/**
 * The corpus: name → { bytes, expect } where expect is "refused" (unreadable, with a reason matching `reason`)
 * or "read" (read as the base file is read). `base` is a good .xlsx written by ExcelJS (xl/worksheets/sheet1.xml
 * is its first form sheet).
 */
function hostileCorpus(base) {
  const p = parts(base);
  const sheet = p.text(SHEET);
  const workbook = p.text(WORKBOOK);
  const sheetName = /<sheet [^>]*name="([^"]*)"/.exec(workbook)[1];
  const corpus = {};

  const definedName = (ref) =>
    workbook.includes("<definedNames>")
      ? workbook.replace(
          "<definedNames>",
          `<definedNames><definedName name="Tat_ca">${ref}</definedName>`
        )
      : workbook.replace(
          "</sheets>",
          `</sheets><definedNames><definedName name="Tat_ca">${ref}</definedName></definedNames>`
        );
  corpus["defined-name-whole-sheet"] = {
    expect: "read",
    bytes: p.zip({ [WORKBOOK]: definedName(`'${sheetName}'!$A$1:$XFD$1048576`) }),
  };
  corpus["defined-name-five-columns"] = {
    expect: "read",
    bytes: p.zip({ [WORKBOOK]: definedName(`'${sheetName}'!$A$1:$E$1048576`) }),
  };
  corpus["validation-whole-sheet"] = {
    expect: "read",
    bytes: p.zip({
      [SHEET]: sheet.replace(
        /(<\/sheetData>(?:[\s\S]*?<mergeCells[\s\S]*?<\/mergeCells>)?)/,
        `$1<dataValidations count="1"><dataValidation type="whole" allowBlank="1" sqref="A1:XFD1048576"><formula1>0</formula1></dataValidation></dataValidations>`
      ),
    }),
  };
  corpus["merge-whole-sheet"] = {
    expect: "read",
    bytes: p.zip({
      [SHEET]: sheet.includes("<mergeCells")
        ? sheet.replace(/<mergeCells[^>]*>/, (m) => `${m}<mergeCell ref="A2000:XFD1048576"/>`)
        : sheet.replace(
            "</sheetData>",
            `</sheetData><mergeCells count="1"><mergeCell ref="A2000:XFD1048576"/></mergeCells>`
          ),
    }),
  };
  corpus["columns-huge-span"] = {
    expect: "read",
    bytes: p.zip({
      [SHEET]: sheet.replace(
        /<cols>[\s\S]*?<\/cols>|(?=<sheetData)/,
        '<cols><col min="1" max="999999999" width="9"/></cols>'
      ),
    }),
  };

  const rows = [];
  for (let r = 1000; r <= 1048576; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>1</v></c></row>`);
  const million = insertBeforeSheetDataEnd(sheet, rows.join(""));
  rows.length = 0;
  corpus["million-rows"] = {
    expect: "refused",
    reason: /dòng 5\.001/,
    bytes: p.zip({
      [SHEET]: { data: strToU8(million), raw: deflateSync(strToU8(million), { level: 1 }) },
    }),
  };
  corpus["far-cell"] = {
    expect: "refused",
    reason: /dòng 1\.048\.576/,
    bytes: p.zip({
      [SHEET]: insertBeforeSheetDataEnd(
        sheet,
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
      ),
    }),
  };
  corpus["wide-columns"] = {
    expect: "refused",
    reason: /cột ZZ/,
    bytes: p.zip({
      [SHEET]: insertBeforeSheetDataEnd(sheet, '<row r="900"><c r="ZZ900"><v>1</v></c></row>'),
    }),
  };

  // 50,000 unclosed cells and elements: a careless pattern would take quadratic time over them.
  corpus["unclosed-tags"] = {
    expect: "refused",
    reason: /hỏng/,
    bytes: p.zip({
      [SHEET]: sheet.replace(
        "</sheetData>",
        `<row r="900">${'<c r="B900"><v>0x1</v>'.repeat(50000)}</row></sheetData>${"<hyperlinks><dataValidations>".repeat(50000)}`
      ),
    }),
  };

  // Sheet XML padded with spaces after </worksheet> (well formed up to there), declared honestly or not.
  const bomb = (size, declared) => {
    const d = repeatedDeflate(
      strToU8(sheet.replace("</worksheet>", "</worksheet> ")),
      size,
      strToU8(" ")
    );
    return p.zip({ [SHEET]: { raw: d.raw, size: declared ?? d.size, crc: 0 } });
  };
  corpus["bomb-450mb"] = {
    expect: "refused",
    reason: /giải nén.*100 MB/,
    bytes: bomb(450 * 1024 * 1024),
  };
  corpus["bomb-3gb"] = {
    expect: "refused",
    reason: /giải nén.*100 MB/,
    bytes: bomb(3 * 1024 * 1024 * 1024),
  };
  corpus["bomb-450mb-lying-size"] = {
    expect: "refused",
    reason: /giải nén.*100 MB/,
    bytes: bomb(450 * 1024 * 1024, sheet.length + 2),
  };
  // The largest file the limits let through: three sheets of ~97,000 numbers beside the forms (memory budget).
  const cols = "FGHIJKLMNOPQRSTUVWXY".split("");
  const near = {};
  for (const n of [1, 2, 3]) {
    const name = `xl/worksheets/sheet${n}.xml`;
    const rows = [];
    for (let r = 100; r < 4950; r++) {
      rows.push(
        `<row r="${r}">${cols.map((c) => `<c r="${c}${r}"><v>${r}.5</v></c>`).join("")}</row>`
      );
    }
    near[name] = insertBeforeSheetDataEnd(p.text(name), rows.join(""));
  }
  corpus["near-limits-291000-cells"] = { expect: "read", bytes: p.zip(near) };

  // Parts a form never needs, some of them broken: they must not make the file unreadable.
  const rels = p.text("xl/_rels/workbook.xml.rels");
  const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  corpus["pivot-external-controls"] = {
    expect: "read",
    bytes: p.zip(
      {
        [WORKBOOK]: workbook.replace(
          "</sheets>",
          '</sheets><externalReferences><externalReference r:id="rIdX1"/></externalReferences><pivotCaches><pivotCache cacheId="7" r:id="rIdX2"/></pivotCaches>'
        ),
        "xl/_rels/workbook.xml.rels": rels.replace(
          "</Relationships>",
          `<Relationship Id="rIdX1" Type="${R}/externalLink" Target="externalLinks/externalLink1.xml"/><Relationship Id="rIdX2" Type="${R}/pivotCacheDefinition" Target="pivotCache/pivotCacheDefinition1.xml"/></Relationships>`
        ),
        [SHEET]: sheet.replace(
          "</worksheet>",
          '<controls><control shapeId="1025" r:id="rIdC1" name="Nút 1"/></controls></worksheet>'
        ),
      },
      [
        { name: "xl/externalLinks/externalLink1.xml", data: strToU8("<externalLink><broken") },
        { name: "xl/pivotCache/pivotCacheDefinition1.xml", data: strToU8("<pivotCacheDefinition") },
        {
          name: "xl/ctrlProps/ctrlProp1.xml",
          data: strToU8('<formControlPr objectType="Button"/>'),
        },
      ]
    ),
  };
  // 400,000 shared strings (ExcelJS would hold every one).
  const strings = p.text("xl/sharedStrings.xml");
  const extraStrings = [];
  for (let i = 0; i < 400000; i++) extraStrings.push(`<si><t>chuỗi ${i}</t></si>`);
  corpus["shared-strings-400000"] = {
    expect: "refused",
    reason: /quá nhiều chuỗi chữ/,
    bytes: p.zip({
      "xl/sharedStrings.xml": strings.replace("</sst>", `${extraStrings.join("")}</sst>`),
    }),
  };
  const many = [];
  for (let i = 0; i < 25000; i++)
    many.push({ name: `xl/media/junk${i}.bin`, data: new Uint8Array(1) });
  corpus["entries-25000"] = {
    expect: "refused",
    reason: /25\.0\d\d phần nén/,
    bytes: p.zip({}, many),
  };
  corpus["sheet-part-missing"] = {
    expect: "refused",
    reason: /hỏng: trang “Biểu mẫu 1” có trong danh sách/,
    bytes: p.zip({ [SHEET]: null }),
  };
  return corpus;
}

module.exports = { hostileCorpus, writeZip, repeatedDeflate, crc32 };
