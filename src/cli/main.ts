import { Command, CommanderError, Option } from "commander";
import { promises as fs } from "fs";
import * as path from "path";
import { builtInFormSets, getFormSet } from "../core/forms/catalog";
import { parsePeriodId, periodLabel } from "../core/period";
import { checkWorkbookBytes, withPreviousFindings, type FileReport } from "../core/report";
import { buildLayout } from "../core/workbook/layout";
import type { ReadOptions } from "../core/workbook/recognize";
import { writeLayout } from "../core/xlsx/write";
import { registerConsolidate } from "./consolidate";
import { formatReportText } from "./text";

/** Reads a file for a command; a missing or unreadable path becomes a Vietnamese reason. */
export async function readInput(file: string): Promise<{ bytes?: Uint8Array; error?: string }> {
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) return { error: "Đây là thư mục, không phải tệp." };
    return { bytes: new Uint8Array(await fs.readFile(file)) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { error: "Không tìm thấy tệp." };
    if (code === "EACCES" || code === "EPERM") return { error: "Không có quyền đọc tệp." };
    return { error: `Không đọc được tệp (${code ?? "lỗi hệ thống"}).` };
  }
}

/** Writes a new file, refusing to replace an existing one unless asked to. */
export async function writeOutput(file: string, bytes: Uint8Array, force: boolean): Promise<void> {
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await fs
    .writeFile(file, bytes, { flag: force ? "w" : "wx" })
    .catch((e: NodeJS.ErrnoException) => {
      if (e.code === "EEXIST") {
        throw new CliError(
          `Tệp ${file} đã có; không ghi đè. Chọn tên khác hoặc thêm --force để ghi đè.`
        );
      }
      throw new CliError(`Không ghi được tệp ${file}: ${e.message}`);
    });
}

/** An error whose message is meant for the user; exits with code 2. */
export class CliError extends Error {}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

function setIds(): string {
  return [...builtInFormSets().keys()].join(", ");
}

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name("cchc")
    .description(
      "Biểu mẫu CCHC: tạo, kiểm tra và tổng hợp Biểu mẫu 1–7 báo cáo cải cách hành chính"
    )
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .helpOption("-h, --help", "hiện hướng dẫn")
    .helpCommand("help [lệnh]", "hướng dẫn cho một lệnh");

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
        } else io.out(formatReportText(reports, previous));
        const unreadable = reports.some((r) => !r.ok) || previous?.ok === false;
        const errors = reports.some((r) => r.ok && r.counts.errors > 0);
        setExit(unreadable ? 2 : errors ? 1 : 0);
      }
    );

  program
    .command("template")
    .description("tạo tệp Biểu mẫu 1–7 trống, sẵn để nhập, cho một đơn vị và một kỳ")
    .addOption(new Option("--set <id>", `bộ biểu mẫu (${setIds()})`).makeOptionMandatory())
    .addOption(new Option("--unit <tên>", "tên đơn vị báo cáo").makeOptionMandatory())
    .addOption(
      new Option("--period <kỳ>", "2024-Q1, 2024-H1, 2024-Q3 hoặc 2024-Y").makeOptionMandatory()
    )
    .requiredOption("-o, --output <tệp>", "tệp .xlsx sẽ tạo")
    .option("--force", "ghi đè nếu tệp đã có")
    .action(
      async (o: { set: string; unit: string; period: string; output: string; force?: boolean }) => {
        const catalog = getFormSetOrFail(o.set);
        const period = parsePeriodId(o.period);
        if (!period) throw new CliError(periodError(o.period));
        if (!catalog.set.periods.includes(period.kind)) {
          throw new CliError(`Bộ ${catalog.id} không dùng cho kỳ ${periodLabel(period)}.`);
        }
        const unit = o.unit.trim();
        if (!unit) throw new CliError("Tên đơn vị không được để trống.");
        const bytes = await writeLayout(buildLayout(catalog, { unit, period }));
        await writeOutput(o.output, bytes, Boolean(o.force));
        io.out(
          `Đã tạo ${o.output}: Biểu mẫu 1–7 (${catalog.set.name}), ${unit}, ${periodLabel(period)}.\n`
        );
        setExit(0);
      }
    );

  registerConsolidate(program, io, setExit);

  return program;
}

function getFormSetOrFail(id: string) {
  try {
    return getFormSet(id);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}

function periodError(p: string): string {
  return `Kỳ báo cáo “${p}” không hợp lệ: dùng dạng 2024-Q1 (quý I), 2024-H1 (6 tháng), 2024-Q3 (quý III) hoặc 2024-Y (năm).`;
}

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

/** Runs the command line; resolves to the process exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof CliError) {
      io.err(`Lỗi: ${e.message}\n`);
      return 2;
    }
    io.err(`Lỗi không mong đợi: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}
