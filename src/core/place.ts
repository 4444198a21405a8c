import { parseCellAddress } from "./workbook/snapshot";

/** A cell address as officers read it: `'Biểu mẫu 3'!D9` → `Biểu mẫu 3, ô D9`; `D9` → `ô D9`. */
export function placeInWords(address: string): string {
  const parsed = parseCellAddress(address);
  if (parsed) {
    const cell = address.slice(address.lastIndexOf("!") + 1).replace(/\$/g, "");
    return `${parsed.sheet}, ô ${cell}`;
  }
  return /^\$?[A-Z]+\$?\d+$/.test(address) ? `ô ${address.replace(/\$/g, "")}` : address;
}

/** `message` with the raw address (and an `ô ` before it) said in words, e.g. for messages from Excel. */
export function withPlaceInWords(message: string, address: string): string {
  const words = placeInWords(address);
  return message.split(`ô ${address}`).join(words).split(address).join(words);
}
