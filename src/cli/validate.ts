import type { Command } from "commander";
import { parsePeriodId } from "../core/period";
import { getFormSet } from "../core/forms/catalog";
import { checkWorkbookBytes, withPreviousFindings, type FileReport } from "../core/report";
import type { ReadOptions } from "../core/workbook/recognize";
import { getFormSetOrFail, periodError, setIds } from "./options";
import { CliError, readInput, terminalText, type Io } from "./io";
import { formatReportText } from "./text";

/** The JSON shape of a file report: internal fields (parsed values with precision) left out. */
function publicReport(r: FileReport): unknown {
  if (!r.ok) return r;
  const { parsed: _parsed, addresses: _addresses, ...rest } = r;
  void _parsed;
  void _addresses;
  return rest;
}

/** The JSON shape of the previous report: what it is, not its values and findings. */
function publicPrevious(r: FileReport): unknown {
  if (!r.ok) return r;
  return { file: r.file, ok: true, formSet: r.formSet, unit: r.unit, period: r.period };
}

/** Adds `cchc validate` to the program. */
export function registerValidate(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command("validate")
    .description("kiểm tra một hoặc nhiều tệp .xlsx và báo lỗi theo tệp, trang, ô")
    .argument("<tệp...>", "các tệp .xlsx")
    .option("--json", "in kết quả dạng JSON")
    .option("--set <id>", `bộ biểu mẫu nếu tệp không tự nói (${setIds()})`)
    .option("--unit <tên>", "tên đơn vị nếu tệp không tự nói")
    .option("--period <kỳ>", "kỳ báo cáo nếu tệp không tự nói: 2024-Q1, 2024-H1, 2024-Q3, 2024-Y")
    .option(
      "--previous <tệp>",
      "báo cáo kỳ trước (.xlsx) của cùng đơn vị: cảnh báo số lũy kế giảm so với kỳ đó"
    )
    .action(
      async (
        files: string[],
        o: { json?: boolean; set?: string; unit?: string; period?: string; previous?: string }
      ) => {
        if (o.set) getFormSetOrFail(o.set);
        if (o.period && !parsePeriodId(o.period)) throw new CliError(periodError(o.period));
        const read = async (file: string, opts: ReadOptions): Promise<FileReport> => {
          const input = await readInput(file);
          return input.bytes
            ? await checkWorkbookBytes(file, input.bytes, opts)
            : { file, ok: false, error: input.error ?? "Không đọc được tệp." };
        };
        // The previous report is read once; --unit and --period describe the files checked, not it.
        const previous = o.previous ? await read(o.previous, { formSet: o.set }) : undefined;
        const reports: FileReport[] = [];
        for (const file of files) {
          const report = await read(file, { formSet: o.set, unit: o.unit, period: o.period });
          reports.push(
            report.ok && previous?.ok
              ? withPreviousFindings(report, previous, getFormSet(report.formSet))
              : report
          );
        }
        if (o.json) {
          const out = {
            ...(previous && { previous: publicPrevious(previous) }),
            files: reports.map(publicReport),
          };
          io.out(`${JSON.stringify(out, null, 2)}\n`);
        } else io.out(terminalText(formatReportText(reports, previous)));
        const unreadable = reports.some((r) => !r.ok) || previous?.ok === false;
        const errors = reports.some((r) => r.ok && r.counts.errors > 0);
        setExit(unreadable ? 2 : errors ? 1 : 0);
      }
    );
}
