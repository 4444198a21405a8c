import { Command, CommanderError } from "commander";
import { registerConsolidate } from "./consolidate";
import { CliError, terminalText, type Io } from "./io";
import { registerTemplate } from "./template";
import { registerValidate } from "./validate";

export { CliError, readInput, writeOutput, type Io } from "./io";

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

/** Commander's usage errors (English) in Vietnamese; anything else unchanged. */
export function vietnameseUsageError(text: string): string {
  const rules: [RegExp, (...m: string[]) => string][] = [
    [/^error: required option '(.+)' not specified/, (o) => `Lỗi: thiếu tùy chọn bắt buộc ${o}.`],
    [/^error: option '(.+)' argument missing/, (o) => `Lỗi: tùy chọn ${o} cần một giá trị.`],
    [
      /^error: unknown option '(.+?)'(?:\n\(Did you mean (.+)\?\))?/,
      (o, d) => `Lỗi: không có tùy chọn ${o}.${d ? ` Có phải ý bạn là ${d}?` : ""}`,
    ],
    [
      /^error: unknown command '(.+?)'/,
      (c) => `Lỗi: không có lệnh “${c}”. Các lệnh: validate, template, consolidate.`,
    ],
    [/^error: missing required argument '(.+)'/, (a) => `Lỗi: thiếu ${a}.`],
    [/^error: too many arguments/, () => "Lỗi: thừa tham số."],
  ];
  for (const [re, f] of rules) {
    const m = re.exec(text);
    if (m) return `${f(...m.slice(1))} Xem --help.\n`;
  }
  return text;
}

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name("cchc")
    .description(
      "Biểu mẫu CCHC: tạo, kiểm tra và tổng hợp Biểu mẫu 1–7 báo cáo cải cách hành chính"
    )
    .configureOutput({
      writeOut: io.out,
      writeErr: io.err,
      outputError: (text, write) => write(terminalText(vietnameseUsageError(text))),
    })
    .exitOverride()
    .helpOption("-h, --help", "hiện hướng dẫn")
    .helpCommand("help [lệnh]", "hướng dẫn cho một lệnh");
  registerValidate(program, io, setExit);
  registerTemplate(program, io, setExit);
  registerConsolidate(program, io, setExit);
  return program;
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
      io.err(terminalText(`Lỗi: ${e.message}\n`));
      return 2;
    }
    io.err(terminalText(`Lỗi không mong đợi: ${e instanceof Error ? e.message : String(e)}\n`));
    return 2;
  }
}
