import { formatVietnamTime } from "./time";
import type { ConsolidationInput, DuplicateGroup } from "./types";

/** A unit that sent several files counts once: which file is kept, and why. */

export interface Sent {
  input: ConsolidationInput;
  unit: string;
  key: string;
  errors: number;
  /** The workbook's own date (ISO). */
  workbookDate?: string;
  /** The file's date on disk (ISO). */
  fileDate?: string;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Per unit: the file named in `keep`; else the newest by the workbook's own date when every file has one and the
 * newest is alone; else (a tie, or a file without a date of its own) the file with the fewest errors, then the
 * newest by any date, which the officer is asked to confirm.
 */
export function pickKept<T extends Sent>(
  sent: T[],
  keep: readonly string[] = []
): { kept: T[]; duplicates: DuplicateGroup[] } {
  const groups = new Map<string, T[]>();
  for (const s of sent) groups.set(s.key, [...(groups.get(s.key) ?? []), s]);
  const kept: T[] = [];
  const duplicates: DuplicateGroup[] = [];
  for (const group of groups.values()) {
    if (group.length === 1) {
      kept.push(group[0]);
      continue;
    }
    const dated = group.every((s) => s.workbookDate);
    const byDate = [...group].sort((a, b) => compare(b.workbookDate ?? "", a.workbookDate ?? ""));
    const newestAlone = dated && byDate[0].workbookDate !== byDate[1].workbookDate;
    const chosen = group.find((s) => keep.includes(s.input.file));
    let winner: T;
    let choice: DuplicateGroup["choice"];
    if (chosen) {
      winner = chosen;
      choice = "keep";
    } else if (newestAlone) {
      winner = byDate[0];
      choice = "date";
    } else {
      winner = [...group].sort(
        (a, b) =>
          a.errors - b.errors ||
          compare(b.workbookDate ?? "", a.workbookDate ?? "") ||
          compare(b.fileDate ?? "", a.fileDate ?? "") ||
          compare(a.input.file, b.input.file)
      )[0];
      choice = "fewest-errors";
    }
    kept.push(winner);
    const losers = group.filter((s) => s !== winner);
    const when = (s: Sent) =>
      s.workbookDate
        ? `${s.input.file} (ngày lưu ghi trong tệp ${formatVietnamTime(s.workbookDate)})`
        : s.fileDate
          ? `${s.input.file} (không có ngày ghi trong tệp; ngày sửa tệp ${formatVietnamTime(s.fileDate)})`
          : `${s.input.file} (không có ngày)`;
    const errs = (s: Sent) => (s.errors > 0 ? `${s.errors} lỗi` : "không có lỗi");
    const dropped = losers.map((l) => l.input.file);
    const cause =
      choice === "keep"
        ? `Đơn vị gửi ${group.length} tệp; giữ ${winner.input.file} theo lựa chọn của người tổng hợp, bỏ ${dropped.join(", ")}.`
        : choice === "date"
          ? `Đơn vị gửi ${group.length} tệp; giữ tệp mới nhất ${when(winner)}, bỏ ${losers.map(when).join(", ")}.`
          : `CẦN XÁC NHẬN: đơn vị gửi ${group.length} tệp cùng ngày hoặc không có ngày ghi trong tệp (${group.map(when).join("; ")}); đã tạm giữ ${winner.input.file} (${errs(winner)}), bỏ ${losers.map((l) => `${l.input.file} (${errs(l)})`).join(", ")}.`;
    const reason =
      choice === "fewest-errors"
        ? `${cause} Để giữ tệp khác: chọn trong ngăn Tổng hợp, hoặc chạy lại lệnh với --keep "${dropped[0]}".`
        : cause;
    duplicates.push({
      unit: winner.unit,
      kept: winner.input.file,
      dropped,
      reason,
      cause,
      choice,
      candidates: [...group]
        .sort((a, b) => compare(a.input.file, b.input.file))
        .map((s) => ({
          file: s.input.file,
          ...(s.workbookDate ? { date: s.workbookDate } : {}),
          errors: s.errors,
        })),
    });
  }
  duplicates.sort((a, b) => compare(a.unit, b.unit));
  return { kept, duplicates };
}
