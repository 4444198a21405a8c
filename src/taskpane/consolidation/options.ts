import type {
  ConsolidateOptions,
  DuplicateGroup,
  RegisterUnit,
  UnitRegister,
} from "../../core/consolidate/types";

/** What the officer chose in the Tổng hợp tab, as the core's options; empty choices are left out. */
export function consolidateOptions(choice: {
  period: string;
  expected: string[];
  /** The unit register behind `expected` (codes, types, other names); preferred when given. */
  register?: UnitRegister;
  strict: boolean;
  keep: string[];
  assignments: Record<string, string>;
}): ConsolidateOptions {
  const register =
    choice.register && choice.register.units.length > 0 ? choice.register : undefined;
  return {
    period: choice.period,
    register,
    expected: !register && choice.expected.length > 0 ? choice.expected : undefined,
    strict: choice.strict,
    keep: choice.keep.length > 0 ? choice.keep : undefined,
    assignments: Object.keys(choice.assignments).length > 0 ? choice.assignments : undefined,
  };
}

/**
 * The register for the names in the list box: a name that came from an imported register keeps its code, type
 * and other names; a name typed by hand is a unit without other names (`ofNames`, the core's registerOfNames).
 */
export function registerForNames(
  names: string[],
  imported: UnitRegister | undefined,
  ofNames: (names: string[]) => UnitRegister
): UnitRegister {
  const known = new Map<string, RegisterUnit>((imported?.units ?? []).map((u) => [u.name, u]));
  return { units: ofNames(names).units.map((u) => known.get(u.name) ?? u) };
}

/** Whether a register says more than its names (so it is worth keeping beside the list). */
export function hasMoreThanNames(register: UnitRegister): boolean {
  return register.units.some((u) => u.code || u.type || u.aliases.length > 0);
}

/** The register as kept in a workbook setting (JSON); undefined when `text` is not one. */
export function registerOfSetting(text: string | undefined): UnitRegister | undefined {
  if (!text) return undefined;
  try {
    const data = JSON.parse(text) as { units?: unknown };
    if (!Array.isArray(data.units)) return undefined;
    const units: RegisterUnit[] = [];
    for (const u of data.units as Record<string, unknown>[]) {
      if (!u || typeof u.name !== "string" || !u.name.trim()) continue;
      const aliases = Array.isArray(u.aliases)
        ? u.aliases.filter((a): a is string => typeof a === "string" && a.trim() !== "")
        : [];
      units.push({
        name: u.name,
        ...(typeof u.code === "string" && u.code ? { code: u.code } : {}),
        ...(typeof u.type === "string" && u.type ? { type: u.type } : {}),
        aliases,
      });
    }
    return { units };
  } catch {
    return undefined;
  }
}

/** `keep` after the officer picks `file` for its unit: the unit's other files are no longer kept. */
export function keepAfterChoice(
  keep: string[],
  duplicates: DuplicateGroup[],
  file: string
): string[] {
  const group = duplicates.find((d) => d.kept === file || d.dropped.includes(file));
  const unitFiles = group ? [group.kept, ...group.dropped] : [file];
  return [...keep.filter((f) => !unitFiles.includes(f)), file];
}
