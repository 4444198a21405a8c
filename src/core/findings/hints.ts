import { formatVietnameseNumber, spellVietnameseInteger } from "../values/number";

/** The decimal separator of the officer's Excel (`,` in Vietnamese Windows, `.` in English). */
export type DecimalSeparator = "," | ".";

/**
 * The hint for a count read as a decimal (`4,751` read as 4,751): how to type the thousands the officer
 * probably meant, in terms of their Excel's separator. Without one (the command line), both ways.
 */
export function thousandsHint(value: number, decimalSeparator?: DecimalSeparator): string {
  const meant = Math.round(value * 1000);
  const spelled = spellVietnameseInteger(meant);
  const vn = formatVietnameseNumber(meant);
  const en = vn.replace(/\./g, ",");
  if (decimalSeparator === ",") return `nếu là ${spelled}, hãy gõ ${meant} hoặc ${vn}`;
  if (decimalSeparator === ".") return `nếu là ${spelled}, hãy gõ ${meant} hoặc ${en}`;
  return `nếu là ${spelled}, hãy gõ ${meant}; Excel tiếng Việt: ${vn}, tiếng Anh: ${en}`;
}
