import { Option, type Command } from "commander";
import { promises as fs } from "fs";
import {
  consolidate,
  consolidationJson,
  consolidationWorkbook,
  registerOfBytes,
  oversizeInput,
  readUnitInput,
  unreadableInput,
  type ConsolidationInput,
  type ConsolidationResult,
  type UnitRegister,
  type ConsolidationWorkbookOptions,
} from "../core/consolidate";
import { parsePeriodId } from "../core/period";
import { writeLayout } from "../core/xlsx/write";
import { CliError, readInput, writeOutput, type Io } from "./main";

const EXIT_HELP = `
Mã thoát:
  0  đã tổng hợp; không đơn vị nào có lỗi
  1  có đơn vị mà tệp có lỗi (vẫn được tổng hợp và đánh dấu; với --strict thì bị loại)
  2  có tệp không đọc được (các tệp khác vẫn được tổng hợp và tệp kết quả vẫn được ghi),
     hoặc dùng lệnh sai (thiếu --period, kỳ không hợp lệ, tệp kết quả đã có mà không có --force, …)

Tệp bị loại (kỳ khác, bộ biểu mẫu khác, không rõ tên đơn vị) được liệt kê kèm lý do, không đổi mã thoát.
Danh sách --expected: tệp .xlsx hoặc CSV (UTF-8, UTF-16; dấu ; hoặc ,), dòng tiêu đề Tên đơn vị; Mã;
Loại; Tên khác (chỉ cột tên là bắt buộc), mỗi dòng sau một đơn vị. Mỗi tệp được khớp với đúng một đơn vị
của danh sách (theo tên, tên không dấu, tên khác); tệp không khớp được liệt kê "cần xác nhận", không tổng hợp.
`;

interface Options {
  period: string;
  expected?: string;
  unit?: string;
  output?: string;
  json?: boolean;
  strict?: boolean;
  force?: boolean;
}

/** Adds `cchc consolidate` to the program. */
export function registerConsolidate(
  program: Command,
  io: Io,
  setExit: (code: number) => void
): void {
  program
    .command("consolidate")
    .description(
      "tổng hợp biểu mẫu của các sở, ban, ngành và UBND cấp huyện, cấp xã thành Biểu mẫu 1–7 của tỉnh"
    )
    .argument("<tệp...>", "các tệp .xlsx của đơn vị")
    .addOption(
      new Option(
        "--period <kỳ>",
        "kỳ tổng hợp: 2024-Q1, 2024-H1, 2024-Q3 hoặc 2024-Y"
      ).makeOptionMandatory()
    )
    .option("--expected <tệp.csv>", "danh sách đơn vị phải nộp (để biết đơn vị nào chưa nộp)")
    .option(
      "--unit <tên>",
      "tên đơn vị tổng hợp ghi trong tệp kết quả, ví dụ “UBND tỉnh Sơn La” (mặc định: “UBND tỉnh”)"
    )
    .option("-o, --output <tệp>", "tệp .xlsx kết quả sẽ tạo")
    .option("--json", "in kết quả dạng JSON")
    .option("--strict", "không tổng hợp đơn vị mà tệp có lỗi")
    .option("--force", "ghi đè tệp kết quả nếu đã có")
    .addHelpText("after", EXIT_HELP)
    .action(async (files: string[], o: Options) => {
      const period = parsePeriodId(o.period);
      if (!period) {
        throw new CliError(
          `Kỳ báo cáo “${o.period}” không hợp lệ: dùng dạng 2024-Q1 (quý I), 2024-H1 (6 tháng), 2024-Q3 (quý III) hoặc 2024-Y (năm).`
        );
      }
      if (!o.output && !o.json) {
        throw new CliError("Cần -o <tệp.xlsx> để ghi kết quả, hoặc --json để in kết quả.");
      }
      if (o.output && !o.force && (await exists(o.output))) {
        throw new CliError(
          `Tệp ${o.output} đã có; không ghi đè. Chọn tên khác hoặc thêm --force để ghi đè.`
        );
      }
      const expected = o.expected ? await readExpected(o.expected) : undefined;

      const inputs: ConsolidationInput[] = [];
      for (const file of files) inputs.push(await readUnitFile(file));
      let result: ConsolidationResult;
      try {
        result = consolidate(inputs, { period: o.period, register: expected, strict: o.strict });
      } catch (e) {
        throw new CliError((e as Error).message);
      }

      if (o.output) {
        const bytes = await workbookBytes(result, { unit: o.unit });
        await writeOutput(o.output, bytes, Boolean(o.force));
      }
      if (o.json) io.out(`${JSON.stringify(consolidationJson(result), null, 2)}\n`);
      else io.out(summaryText(result, o.output));
      setExit(exitCode(result));
    });
}

/** 2: a file could not be read; 1: a unit's file has errors; else 0. */
export function exitCode(result: ConsolidationResult): number {
  if (result.excluded.some((x) => x.cause === "unreadable")) return 2;
  const errors =
    result.units.some((u) => u.errors > 0) || result.excluded.some((x) => x.cause === "strict");
  return errors ? 1 : 0;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.stat(file);
    return true;
  } catch {
    return false;
  }
}

async function readExpected(file: string): Promise<UnitRegister> {
  const input = await readInput(file);
  if (!input.bytes) throw new CliError(`Không đọc được danh sách đơn vị ${file}: ${input.error}`);
  try {
    return await registerOfBytes(file, input.bytes);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}

/** Reads one unit file from disk; the core reads its bytes. Problems become an unreadable report. */
export async function readUnitFile(file: string): Promise<ConsolidationInput> {
  const stat = await fs.stat(file).catch(() => undefined);
  const fileDate = stat?.mtime;
  const oversize = stat?.isFile() ? oversizeInput(file, stat.size, fileDate) : undefined;
  if (oversize) return oversize;
  const input = await readInput(file);
  if (!input.bytes) return unreadableInput(file, input.error ?? "Không đọc được tệp.", fileDate);
  return readUnitInput(file, input.bytes, fileDate);
}

/** The consolidation workbook (with its metadata sheet); the date lives in the metadata and properties. */
export async function workbookBytes(
  result: ConsolidationResult,
  opts: ConsolidationWorkbookOptions = {}
): Promise<Uint8Array> {
  return writeLayout(consolidationWorkbook(result, opts));
}

function summaryText(result: ConsolidationResult, output: string | undefined): string {
  const out: string[] = [];
  const bySet = result.sets
    .filter((s) => s.units > 0)
    .map((s) => `${s.units} ${s.name}`)
    .join("; ");
  out.push(
    `Tổng hợp ${result.periodLabel}: ${result.units.length} đơn vị${bySet ? ` (${bySet})` : ""}.`
  );
  const withErrors = result.units.filter((u) => u.errors > 0);
  if (withErrors.length > 0) {
    out.push(`Đơn vị có lỗi (vẫn được tổng hợp, cần xem lại): ${withErrors.length}`);
    for (const u of withErrors)
      out.push(`  - ${u.unit} (${u.file}): ${u.errors} lỗi, ${u.warnings} cảnh báo`);
  }
  if (result.excluded.length > 0) {
    out.push(`Tệp bị loại: ${result.excluded.length}`);
    for (const x of result.excluded) out.push(`  - ${x.file}: ${x.reason}`);
  }
  if (result.duplicates.length > 0) {
    out.push(`Đơn vị gửi nhiều lần: ${result.duplicates.length}`);
    for (const d of result.duplicates) out.push(`  - ${d.unit}: ${d.reason}`);
  }
  if (result.expected) {
    out.push(
      result.missing.length > 0
        ? `Chưa nộp (${result.missing.length}/${result.expected.length}): ${result.missing.join(", ")}`
        : `Đã nhận đủ ${result.expected.length} đơn vị trong danh sách.`
    );
    if (result.unexpected.length > 0) {
      out.push(`Không có trong danh sách: ${result.unexpected.join(", ")}`);
    }
  }
  const rows = result.target.rows.filter((r) => r.kind !== "header");
  const manual = rows.filter((r) => r.status === "manual").length;
  const pending = rows.filter((r) => r.status === "pending").length;
  out.push(
    `Biểu tỉnh: ${rows.length - manual - pending} dòng tự tính, ${manual} dòng nhập tay, ${pending} dòng tự tính sau khi nhập tay (xem cột “Cách tính”).`
  );
  const checks = [result.target, ...result.totals].reduce((n, t) => n + t.findings.length, 0);
  if (checks > 0)
    out.push(
      `Kiểm tra số liệu sau tổng hợp: ${checks} điểm cần xem (trang “Tình hình nộp báo cáo”).`
    );
  if (output) out.push(`Đã ghi ${output}.`);
  return `${out.join("\n")}\n`;
}
