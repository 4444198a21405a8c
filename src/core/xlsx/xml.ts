/** Small helpers for the few package parts the guard rewrites (workbook, relationships, sheet XML). */

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (m, e: string) => {
    if (e[0] !== "#") return ENTITIES[e] ?? m;
    const code = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot" }[c]};`);
}

/** Attributes of one start tag's attribute text, by local name (prefix dropped: `r:id` → `id`). */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w.-]+:)?([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    out[m[2]] = unescapeXml(m[3] ?? m[4] ?? "");
  }
  return out;
}

/** Every start (or empty) tag of a local name, with its attributes. */
export function tagsOf(xml: string, local: string): Record<string, string>[] {
  const re = new RegExp(`<(?:[\\w.-]+:)?${local}(\\s[^>]*)?/?>`, "g");
  return [...xml.matchAll(re)].map((m) => attributes(m[1] ?? ""));
}

/**
 * The XML with every element of that local name removed, empty or with content (never nested in itself). Linear
 * in the text: scanned with indexOf, so a hostile file of unclosed tags cannot make it quadratic; from an element
 * that is never closed on, the text is kept as it is (ExcelJS then refuses it as broken).
 */
export function removeElements(xml: string, local: string): string {
  const open = new RegExp(`<([\\w.-]+:)?${local}(?=[\\s/>])`, "g");
  const parts: string[] = [];
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = open.exec(xml))) {
    const tagEnd = xml.indexOf(">", m.index);
    if (tagEnd < 0) break;
    let end: number;
    if (xml[tagEnd - 1] === "/") end = tagEnd + 1;
    else {
      const close = `</${m[1] ?? ""}${local}`;
      const at = xml.indexOf(close, tagEnd);
      const closeEnd = at < 0 ? -1 : xml.indexOf(">", at);
      if (closeEnd < 0) break;
      end = closeEnd + 1;
    }
    parts.push(xml.slice(last, m.index));
    last = end;
    open.lastIndex = end;
  }
  parts.push(xml.slice(last));
  return parts.join("");
}
