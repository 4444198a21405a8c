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
import {
  assignmentsOf,
  decodeText,
  matchInputFile,
  parseAssignmentLines,
  parseAssignOption,
} from "./assignments";
import {
  CliError,
  readInput,
  refuseExisting,
  refuseInputAsOutput,
  terminalText,
  vietnameseCsvMessage,
  writeOutput,
  type Io,
} from "./io";
import { periodError } from "./options";
import { summaryText } from "./summary";

const EXIT_HELP = `
Mã thoát:
  0  đã tổng hợp đủ; không đơn vị nào có lỗi
  1  có đơn vị mà tệp có lỗi (vẫn được tổng hợp và đánh dấu; với --strict thì bị loại)
  2  có tệp không đọc được (các tệp khác vẫn được tổng hợp và tệp kết quả vẫn được ghi), không ghi được
     tệp kết quả, hoặc dùng lệnh sai (thiếu --period, kỳ không hợp lệ, tệp kết quả đã có mà không có --force,
     -o trùng một tệp đầu vào, …)
  3  có tệp “cần xác nhận” (chưa rõ đơn vị, kỳ hoặc giá trị): tệp đó CHƯA được tổng hợp; xác nhận bằng
     --assign rồi chạy lại. Mã 2 được ưu tiên hơn 3, mã 3 hơn 1.

Tệp bị loại (kỳ khác, bộ biểu mẫu khác, không rõ tên đơn vị) được liệt kê kèm lý do, không đổi mã thoát.
Danh sách --expected: tệp .xlsx hoặc CSV (UTF-8, UTF-16; dấu ; hoặc ,), dòng tiêu đề Tên đơn vị; Mã;
Loại; Tên khác (chỉ cột tên là bắt buộc), mỗi dòng sau một đơn vị. Mỗi tệp được khớp với đúng một đơn vị
của danh sách (theo tên, tên không dấu, tên khác); tệp không khớp được liệt kê "cần xác nhận", không tổng hợp.
--assign "tệp.xlsx=Tên đơn vị" (lặp lại được) gán một tệp cho một đơn vị trong danh sách.
--assignments <tệp>: mỗi dòng “tệp.xlsx;Tên đơn vị” (dấu chấm phẩy hoặc tab; dòng trống và dòng bắt đầu
bằng # bị bỏ qua), UTF-8 hoặc UTF-16.
--keep <tệp.xlsx> (lặp lại được): khi một đơn vị gửi nhiều tệp, dùng tệp này.
-o không bao giờ ghi đè một tệp đầu vào hay danh sách đơn vị, kể cả khi có --force.
`;

interface Options {
  period: string;
  expected?: string;
  unit?: string;
  output?: string;
  json?: boolean;
  strict?: boolean;
  force?: boolean;
  assign: string[];
  assignments?: string;
  keep: string[];
}

const collect = (value: string, previous: string[]) => [...previous, value];

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
    .option("--force", "ghi đè tệp kết quả nếu đã có (không bao giờ ghi đè tệp đầu vào)")
    .option("--assign <tệp=đơn vị>", "gán một tệp cho một đơn vị (lặp lại được)", collect, [])
    .option("--assignments <tệp>", "tệp phân công: mỗi dòng “tệp.xlsx;Tên đơn vị”")
    .option("--keep <tệp>", "tệp được dùng khi đơn vị gửi nhiều tệp (lặp lại được)", collect, [])
    .addHelpText("after", EXIT_HELP)
    .action(async (files: string[], o: Options) => {
      if (!parsePeriodId(o.period)) throw new CliError(periodError(o.period));
      if (!o.output && !o.json) {
        throw new CliError("Cần -o <tệp.xlsx> để ghi kết quả, hoặc --json để in kết quả.");
      }
      if (o.output) {
        const read = [...files, ...(o.expected ? [o.expected] : [])];
        if (o.assignments) read.push(o.assignments);
        await refuseInputAsOutput(o.output, read);
        await refuseExisting(o.output, Boolean(o.force));
      }
      const expected = o.expected ? await readExpected(o.expected) : undefined;
      const pairs = o.assign.map(parseAssignOption);
      if (o.assignments) pairs.push(...(await readAssignments(o.assignments)));
      const assignments = assignmentsOf(pairs, files);
      const keep = o.keep.map((k) => matchInputFile(k, files, "--keep"));

      const inputs: ConsolidationInput[] = [];
      for (const file of files) inputs.push(await readUnitFile(file));
      let result: ConsolidationResult;
      try {
        result = consolidate(inputs, {
          period: o.period,
          register: expected,
          strict: o.strict,
          ...(Object.keys(assignments).length > 0 ? { assignments } : {}),
          ...(keep.length > 0 ? { keep } : {}),
        });
      } catch (e) {
        throw new CliError((e as Error).message);
      }

      let writeError: string | undefined;
      if (o.output) {
        try {
          await writeOutput(
            o.output,
            await workbookBytes(result, { unit: o.unit }),
            Boolean(o.force)
          );
        } catch (e) {
          if (!(e instanceof CliError) || !o.json) throw e;
          writeError = e.message;
        }
      }
      if (o.json) {
        const output = o.output
          ? {
              output: {
                file: o.output,
                written: !writeError,
                ...(writeError ? { error: writeError } : {}),
              },
            }
          : {};
        io.out(`${JSON.stringify({ ...consolidationJson(result), ...output }, null, 2)}\n`);
      } else io.out(terminalText(summaryText(result, o.output)));
      setExit(writeError ? 2 : exitCode(result));
    });
}

/** 2: a file could not be read; 3: files wait for a confirmation; 1: a unit's file has errors; else 0. */
export function exitCode(result: ConsolidationResult): number {
  if (result.excluded.some((x) => x.cause === "unreadable")) return 2;
  if (result.toConfirm.length > 0) return 3;
  const errors =
    result.units.some((u) => u.errors > 0) || result.excluded.some((x) => x.cause === "strict");
  return errors ? 1 : 0;
}

async function readExpected(file: string): Promise<UnitRegister> {
  const input = await readInput(file);
  if (!input.bytes) throw new CliError(`Không đọc được danh sách đơn vị ${file}: ${input.error}`);
  try {
    return await registerOfBytes(file, input.bytes);
  } catch (e) {
    throw new CliError(vietnameseCsvMessage((e as Error).message));
  }
}

async function readAssignments(file: string): Promise<[string, string][]> {
  const input = await readInput(file);
  if (!input.bytes) throw new CliError(`Không đọc được tệp phân công ${file}: ${input.error}`);
  const text = decodeText(input.bytes);
  if (text === undefined) {
    throw new CliError(
      `Tệp phân công ${file} không phải văn bản UTF-8 hay UTF-16: hãy lưu lại dạng UTF-8.`
    );
  }
  return parseAssignmentLines(file, text);
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
