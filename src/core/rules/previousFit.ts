import { builtInFormSets } from "../forms/catalog";
import { isEarlier, parsePeriodId, periodLabel } from "../period";
import type { UnitReport } from "../report";
import { foldText } from "../text";

/**
 * Why `previous` cannot serve as the earlier report of `current` for the lũy kế rules, in one Vietnamese
 * sentence; undefined when it can. Lũy kế rows count from the start of the year, so a report of another
 * year is not used.
 */
export function previousMismatch(current: UnitReport, previous: UnitReport): string | undefined {
  if (previous.formSet !== current.formSet) {
    return `Tệp kỳ trước theo bộ “${previous.formSetName}”, sổ đang mở theo bộ “${current.formSetName}”: không so sánh được.`;
  }
  if (!current.unit || !previous.unit) {
    return "Chưa rõ đơn vị của một trong hai báo cáo: không biết có phải cùng một đơn vị không.";
  }
  if (foldText(current.unit) !== foldText(previous.unit)) {
    return `Tệp kỳ trước là của “${previous.unit.trim()}”, sổ đang mở là của “${current.unit.trim()}”: phải cùng một đơn vị.`;
  }
  const now = current.period ? parsePeriodId(current.period) : null;
  const before = previous.period ? parsePeriodId(previous.period) : null;
  if (!now || !before) return "Chưa rõ kỳ báo cáo của một trong hai báo cáo.";
  if (!isEarlier(before, now)) {
    return `Kỳ của tệp kỳ trước (${periodLabel(before)}) không trước kỳ đang báo cáo (${periodLabel(now)}).`;
  }
  const rules = builtInFormSets().get(current.formSet)?.set.rules ?? [];
  const previousRules = rules.filter((r) => r.type === "not-below-previous");
  if (previousRules.length === 0) return "Bộ biểu mẫu này không có chỉ tiêu lũy kế để so sánh.";
  if (
    before.year !== now.year &&
    previousRules.some((r) => r.type === "not-below-previous" && r.scope === "year")
  ) {
    return `Các chỉ tiêu lũy kế tính từ đầu năm, nên chỉ so được với một kỳ trước trong năm ${now.year}; tệp đã chọn là ${periodLabel(before)}.`;
  }
  return undefined;
}
