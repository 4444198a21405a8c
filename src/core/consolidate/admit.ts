import {
  isCchcKind,
  notCchcReason,
  periodId,
  periodLabel,
  statedLabel,
  type Period,
  type StatedPeriod,
} from "../period";
import type { UnitReport } from "../report";
import { cleanText, foldText } from "../text";
import {
  decidePeriod,
  decideUnit,
  isGenericUnitName,
  type Identity,
  type PeriodStatement,
  type UnitStatement,
} from "../workbook/identity";
import { matchRegister, unitKey } from "./expected";
import type {
  ConsolidationFinding,
  ConsolidationInput,
  ExcludedFile,
  FileToConfirm,
  UnitProvenance,
  UnitRegister,
} from "./types";

/** Whether one readable unit file is merged, and as which unit: identity as an explicit decision. */

export type Admission =
  | {
      kind: "accept";
      unit: string;
      key: string;
      writtenAs?: string;
      provenance: UnitProvenance;
      notices: ConsolidationFinding[];
    }
  | { kind: "exclude"; excluded: ExcludedFile }
  | { kind: "confirm"; confirm: FileToConfirm };

/** The identity of an input made without `readUnitInput` (tests, older callers): the report's unit and period. */
function identityOfReport(r: UnitReport): Identity {
  const units: UnitStatement[] = [];
  const generic: UnitStatement[] = [];
  if (r.unit) {
    const s: UnitStatement = {
      name: cleanText(r.unit),
      source: r.how.unit === "metadata" ? "metadata" : r.how.unit === "option" ? "option" : "title",
    };
    (isGenericUnitName(s.name) ? generic : units).push(s);
  }
  const periods: PeriodStatement[] = [];
  const [y, k] = (r.period ?? "").split("-");
  if (r.period && r.how.period !== "option" && y && k) {
    periods.push({
      period: { year: Number(y), kind: k as StatedPeriod["kind"] },
      source: r.how.period === "metadata" ? "metadata" : "title",
      text: r.period,
    });
  }
  return {
    unit: decideUnit(units, generic, undefined),
    period: decidePeriod(periods),
    units,
    periods,
    generic,
  };
}

function whereText(s: PeriodStatement): string {
  switch (s.source) {
    case "metadata":
      return "trang CCHC_META";
    case "sheet-name":
      return `tên trang “${s.text}”`;
    case "file-name":
      return "tên tệp";
    default:
      return s.where ? `${s.where}: “${s.text}”` : `“${s.text}”`;
  }
}

const PROVINCE = /^(?:ubnd|uy ban nhan dan) tinh\b/;

const HOW_TO_ASSIGN = (file: string) =>
  `Chọn đơn vị cho tệp trong ngăn Tổng hợp, hoặc chạy lại lệnh với --assign "${file}=Tên đơn vị".`;

/** Decides one file: excluded for its period, to confirm (unit or period), or merged as one register unit. */
export function admit(
  input: ConsolidationInput,
  report: UnitReport,
  period: Period,
  register: UnitRegister | undefined,
  assignment: string | undefined
): Admission {
  const id = input.identity ?? identityOfReport(report);
  const file = input.file;
  const pid = periodId(period);
  const base = { file, formSet: report.formSet, errors: report.counts.errors };
  const notices: ConsolidationFinding[] = [];
  const notice = (rule: string, message: string) =>
    notices.push({ severity: "warning", rule, message, table: report.formSet, file });

  // Period.
  const pd = id.period;
  let periodSource: string = pd.source;
  if (pd.certainty === "conflict") {
    const list = pd.stated.map((s) => `${statedLabel(s.period)} (${whereText(s)})`);
    const periodConflict = `Tệp ghi nhiều kỳ báo cáo khác nhau: ${list.join("; ")}. Chưa tổng hợp tệp này: hãy sửa tệp cho đúng một kỳ rồi tổng hợp lại.`;
    return {
      kind: "confirm",
      confirm: {
        ...base,
        question: "period",
        reason: periodConflict,
        cause: periodConflict,
        candidates: pd.stated.map((s) => statedLabel(s.period)),
        detected: list.join("; "),
      },
    };
  }
  const unitHint = id.unit.name ?? id.unit.candidates[0];
  if (pd.period) {
    const p = pd.period;
    const st = pd.stated.find((s) => s.period.kind === p.kind) ?? pd.stated[0];
    const at = st.source === "metadata" ? "" : ` (${whereText(st)})`;
    if (!isCchcKind(p.kind)) {
      return {
        kind: "exclude",
        excluded: {
          ...base,
          unit: unitHint,
          cause: "period",
          reason: `Tệp ghi kỳ ${statedLabel(p)}${at}. ${notCchcReason(p.kind)} Không tổng hợp vào kỳ ${periodLabel(period)}.`,
        },
      };
    }
    if (p.kind !== period.kind || (p.year !== undefined && p.year !== period.year)) {
      const id2 = p.year ? ` (${periodId({ year: p.year, kind: p.kind })})` : "";
      return {
        kind: "exclude",
        excluded: {
          ...base,
          unit: unitHint,
          cause: "period",
          reason: `Tệp thuộc kỳ ${statedLabel(p)}${id2}${at}, không phải kỳ tổng hợp ${periodLabel(period)} (${pid}).`,
        },
      };
    }
    if (p.year === undefined) {
      notice(
        "consolidate.period-year-assumed",
        `Tệp ghi kỳ ${statedLabel(p)}${at} nhưng không ghi năm; được coi là ${periodLabel(period)}.`
      );
    }
    if (pd.fileNameDisagrees) {
      notice(
        "consolidate.file-name-period",
        `Tên tệp ghi kỳ ${statedLabel(pd.fileNameDisagrees)}, nội dung tệp ghi ${statedLabel(p)}; đã theo nội dung tệp.`
      );
    }
  } else {
    periodSource = "assumed";
    notice(
      "consolidate.period-assumed",
      `Tệp không ghi kỳ báo cáo ở đâu (tiêu đề, chú thích, tên trang, tên tệp); được coi là thuộc kỳ tổng hợp ${periodLabel(period)}.`
    );
  }

  // Unit.
  const ud = id.unit;
  const confirmUnit = (reason: string, candidates: string[], detected?: string): Admission => ({
    kind: "confirm",
    confirm: {
      ...base,
      question: "unit",
      reason: `${reason} ${HOW_TO_ASSIGN(file)}`,
      cause: reason,
      candidates,
      ...(detected ? { detected } : {}),
    },
  });
  const registerNames = (names: string[]) => {
    if (!register) return names;
    const out: string[] = [];
    for (const n of names) {
      const m = matchRegister(register, n);
      for (const u of m.unit ? [m.unit] : [...m.ambiguous, ...m.similar]) {
        if (!out.includes(u.name)) out.push(u.name);
      }
    }
    return out;
  };
  const accept = (name: string, source: string): Admission => {
    if (!register) {
      return {
        kind: "accept",
        unit: name,
        key: unitKey(name),
        provenance: { unit: source, period: periodSource, formSet: report.how.formSet },
        notices: notices.map((n) => ({ ...n, unit: name })),
      };
    }
    const m = matchRegister(register, name);
    if (m.unit) {
      return {
        kind: "accept",
        unit: m.unit.name,
        key: unitKey(m.unit.name),
        ...(m.unit.name !== name ? { writtenAs: name } : {}),
        provenance: {
          unit: source,
          match: m.how,
          period: periodSource,
          formSet: report.how.formSet,
        },
        notices: notices.map((n) => ({ ...n, unit: m.unit!.name })),
      };
    }
    const said =
      source === "assigned" ? `Tên “${name}” được chọn cho tệp` : `Tệp ghi đơn vị “${name}”`;
    if (m.ambiguous.length > 0) {
      return confirmUnit(
        `${said}, khớp với nhiều đơn vị trong danh sách: ${m.ambiguous.map((u) => u.name).join(", ")}.`,
        m.ambiguous.map((u) => u.name),
        name
      );
    }
    const like =
      m.similar.length > 0 ? ` Gần giống: ${m.similar.map((u) => u.name).join(", ")}.` : "";
    return confirmUnit(
      `${said}, không có trong danh sách đơn vị.${like}`,
      m.similar.map((u) => u.name),
      name
    );
  };

  if (assignment && cleanText(assignment)) return accept(cleanText(assignment), "assigned");
  if (
    ud.certainty === "sure" &&
    ud.name &&
    ud.source === "title" &&
    PROVINCE.test(foldText(ud.name))
  ) {
    // A unit's file whose only name is the province's: a title copied from the province's own forms.
    return confirmUnit(
      `Tệp chỉ ghi “${ud.name}” trong tiêu đề, là tên của tỉnh (thường do chép tiêu đề biểu của tỉnh), không phải đơn vị báo cáo.`,
      [],
      ud.name
    );
  }
  if (ud.certainty === "sure" && ud.name) return accept(ud.name, ud.source);
  const generic = ud.generic
    ? ` Tệp chỉ ghi “${ud.generic}”, là tên chung, không phải tên một đơn vị.`
    : "";
  if (ud.certainty === "conflict") {
    return confirmUnit(
      `Tệp ghi nhiều tên đơn vị khác nhau: ${ud.candidates.map((n) => `“${n}”`).join(", ")}.${generic}`,
      registerNames(ud.candidates),
      ud.candidates.join("; ")
    );
  }
  const missing =
    "Tệp không ghi tên đơn vị (dòng “Đơn vị báo cáo: …”, tên cơ quan ở đầu trang, hay chú thích “Kèm theo Báo cáo … của …”).";
  if (ud.certainty === "suggested") {
    const suggestion = ud.candidates[0];
    const named = registerNames([suggestion]);
    return confirmUnit(
      `${missing}${generic} Tên tệp gợi ý “${suggestion}”: cần xác nhận.`,
      register ? named : [suggestion],
      ud.generic
    );
  }
  return confirmUnit(`${missing}${generic}`, [], ud.generic);
}
