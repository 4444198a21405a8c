import type { ConsolidateOptions, DuplicateGroup } from "../../core/consolidate/types";

/** What the officer chose in the Tổng hợp tab, as the core's options; empty choices are left out. */
export function consolidateOptions(choice: {
  period: string;
  expected: string[];
  strict: boolean;
  keep: string[];
  assignments: Record<string, string>;
}): ConsolidateOptions {
  return {
    period: choice.period,
    expected: choice.expected.length > 0 ? choice.expected : undefined,
    strict: choice.strict,
    keep: choice.keep.length > 0 ? choice.keep : undefined,
    assignments: Object.keys(choice.assignments).length > 0 ? choice.assignments : undefined,
  };
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
