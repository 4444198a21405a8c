import { Option, type Command } from "commander";
import { parsePeriodId, periodLabel } from "../core/period";
import { buildLayout } from "../core/workbook/layout";
import { writeLayout } from "../core/xlsx/write";
import { CliError, refuseExisting, terminalText, writeOutput, type Io } from "./io";
import { getFormSetOrFail, periodError, setIds } from "./options";

/** Adds `cchc template` to the program. */
export function registerTemplate(program: Command, io: Io, setExit: (code: number) => void): void {
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
        await refuseExisting(o.output, Boolean(o.force));
        const bytes = await writeLayout(buildLayout(catalog, { unit, period }));
        await writeOutput(o.output, bytes, Boolean(o.force));
        io.out(
          terminalText(
            `Đã tạo ${o.output}: Biểu mẫu 1–7 (${catalog.set.name}), ${unit}, ${periodLabel(period)}.\n`
          )
        );
        setExit(0);
      }
    );
}
