import { builtInFormSets, getFormSet } from "../core/forms/catalog";
import { CliError } from "./io";

/** Option values shared by the commands, checked with Vietnamese messages. */

export function setIds(): string {
  return [...builtInFormSets().keys()].join(", ");
}

export function getFormSetOrFail(id: string) {
  try {
    return getFormSet(id);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}

export function periodError(p: string): string {
  return `Kỳ báo cáo “${p}” không hợp lệ: dùng dạng 2024-Q1 (quý I), 2024-H1 (6 tháng), 2024-Q3 (quý III) hoặc 2024-Y (năm).`;
}
