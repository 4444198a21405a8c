/** Zero-width, byte-order-mark, soft-hyphen and bidirectional control characters: invisible in Excel. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/**
 * Text as people meant it: Unicode NFC, invisible characters removed, every kind of white space (NBSP,
 * tabs, line breaks) folded to one space, trimmed. Case and diacritics are kept.
 */
export function cleanText(s: string): string {
  return s.normalize("NFC").replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
}

/** `cleanText` in lower case: the key for exact matching of names. */
export function matchKey(s: string): string {
  return cleanText(s).toLocaleLowerCase("vi");
}

/** Lower-case, no diacritics, no invisible characters, single spaces: for matching free text typed by people. */
export function foldText(s: string): string {
  return s
    .replace(INVISIBLE, "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Whether the text holds a character that `cleanText` removes or changes (for messages: "ký tự ẩn"). */
export function hasHiddenCharacters(s: string): boolean {
  INVISIBLE.lastIndex = 0;
  return INVISIBLE.test(s) || /[\u00A0\u2007\u202F]/.test(s) || s.normalize("NFC") !== s;
}
