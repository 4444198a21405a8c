import { randomBytes } from "crypto";
import { promises as fs } from "fs";
import * as path from "path";
import { fileSizeProblem } from "../core/xlsx/limits";

/** File reading and writing for the commands: Vietnamese messages, atomic output, inputs never overwritten. */

/** An error whose message is meant for the user; exits with code 2. */
export class CliError extends Error {}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** A system error code in Vietnamese. */
export function osErrorText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case "ENOENT":
      return "không tìm thấy tệp hoặc thư mục";
    case "EACCES":
    case "EPERM":
      return "không có quyền truy cập";
    case "EISDIR":
      return "đây là thư mục, không phải tệp";
    case "ENOTDIR":
      return "một phần của đường dẫn không phải thư mục";
    case "ENOSPC":
      return "ổ đĩa đã đầy";
    case "EDQUOT":
      return "đã hết hạn mức dung lượng";
    case "EROFS":
      return "ổ đĩa chỉ cho đọc";
    case "EBUSY":
      return "tệp đang được chương trình khác sử dụng";
    case "ENAMETOOLONG":
      return "tên tệp quá dài";
    case "EMFILE":
    case "ENFILE":
      return "mở quá nhiều tệp cùng lúc";
    case "EIO":
      return "lỗi đọc/ghi ổ đĩa";
    default:
      return `lỗi hệ thống${code ? ` ${code}` : ""}`;
  }
}

function capitalized(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Reads a file for a command; a missing or unreadable path becomes a Vietnamese reason. */
export async function readInput(file: string): Promise<{ bytes?: Uint8Array; error?: string }> {
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) return { error: "Đây là thư mục, không phải tệp." };
    // A device or pipe (/dev/zero) would be read without end.
    if (!stat.isFile()) return { error: "Không phải tệp thông thường (thiết bị hoặc ống dẫn)." };
    const tooLarge = fileSizeProblem(stat.size);
    if (tooLarge) return { error: tooLarge };
    return { bytes: new Uint8Array(await fs.readFile(file)) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { error: "Không tìm thấy tệp." };
    if (code === "EACCES" || code === "EPERM") return { error: "Không có quyền đọc tệp." };
    return { error: `Không đọc được tệp (${osErrorText(e)}).` };
  }
}

/** The real path of a file, or of its directory joined with its name when the file does not exist yet. */
async function realTarget(file: string): Promise<string> {
  const abs = path.resolve(file);
  try {
    return await fs.realpath(abs);
  } catch {
    try {
      return path.join(await fs.realpath(path.dirname(abs)), path.basename(abs));
    } catch {
      return abs;
    }
  }
}

/**
 * Refuses an output path that is (after links and `..`) one of the files read: an input is never overwritten,
 * with or without --force. Same file also by device and inode (hard links, case-insensitive disks).
 */
export async function refuseInputAsOutput(output: string, inputs: string[]): Promise<void> {
  const target = await realTarget(output);
  const targetStat = await fs.stat(target).catch(() => undefined);
  for (const input of inputs) {
    const same =
      (await realTarget(input)) === target ||
      (targetStat !== undefined &&
        (await fs
          .stat(input)
          .then((s) => s.ino === targetStat.ino && s.dev === targetStat.dev)
          .catch(() => false)));
    if (same) {
      throw new CliError(
        `Tệp kết quả ${output} là một tệp đầu vào (${input}): không ghi đè tệp đầu vào, kể cả khi có --force. Hãy chọn tên khác cho -o.`
      );
    }
  }
}

/** Refuses to go on when the output exists and --force is not given (checked before any work is done). */
export async function refuseExisting(file: string, force: boolean): Promise<void> {
  if (force) return;
  const exists = await fs
    .lstat(file)
    .then(() => true)
    .catch(() => false);
  if (exists) {
    throw new CliError(
      `Tệp ${file} đã có; không ghi đè. Chọn tên khác hoặc thêm --force để ghi đè.`
    );
  }
}

/**
 * Writes a new file atomically: into a temporary file beside it, then renamed over it (with --force) or linked to
 * its name (without, so that a file created meanwhile is never replaced). A failure leaves no half file.
 */
export async function writeOutput(file: string, bytes: Uint8Array, force: boolean): Promise<void> {
  const abs = path.resolve(file);
  const dir = path.dirname(abs);
  const tmp = path.join(
    dir,
    `.${path.basename(abs)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`
  );
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(
      `Không ghi được tệp ${file}: ${code === "EEXIST" ? osErrorText({ code: "ENOTDIR" }) : osErrorText(e)}.`
    );
  }
  try {
    await fs.writeFile(tmp, bytes, { flag: "wx" });
    if (force) await fs.rename(tmp, abs);
    else {
      await fs.link(tmp, abs);
      await fs.unlink(tmp);
    }
  } catch (e) {
    await fs.unlink(tmp).catch(() => undefined);
    if ((e as NodeJS.ErrnoException).code === "EEXIST") {
      throw new CliError(
        `Tệp ${file} đã có; không ghi đè. Chọn tên khác hoặc thêm --force để ghi đè.`
      );
    }
    throw new CliError(`Không ghi được tệp ${file}: ${osErrorText(e)}.`);
  }
}

/**
 * Text for a terminal: escape sequences, control characters (but line breaks) and bidirectional overrides that
 * a file's strings may carry (`_x001B_` in a unit name) are removed, so that a file cannot clear the screen,
 * retitle the terminal or reorder what is shown. JSON output keeps them, escaped.
 */
// Control characters are what these patterns are about.
/* eslint-disable no-control-regex */
export function terminalText(s: string): string {
  return s
    .replace(/\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?/g, "") // OSC (titles, links)
    .replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, "") // CSI (cursor, colours, clear)
    .replace(/\x9b[0-?]*[ -/]*[@-~]/g, "")
    .replace(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) =>
      c === "\t" ? " " : ""
    );
}
/* eslint-enable no-control-regex */

export { capitalized };

/** A string from a file on one line: its line breaks cannot forge lines of the report. */
export function oneLine(s: string | undefined): string {
  return (s ?? "").replace(/[\r\n\u2028\u2029]+/g, " ");
}

/**
 * The units list's CSV parse error in Vietnamese with its line (csv-parse reports in English, inside the core's
 * Vietnamese sentence); other messages unchanged.
 */
export function vietnameseCsvMessage(message: string): string {
  const line = /\blines?\s+(\d+)/i.exec(message)?.[1];
  const at = line ? ` ở dòng ${line}` : "";
  const rules: [RegExp, string][] = [
    [/Quote Not Closed/i, `có dấu ngoặc kép mở mà không đóng${at}`],
    [/Invalid Opening Quote/i, `có dấu ngoặc kép đặt sai chỗ${at}`],
    [/Invalid Closing Quote/i, `có dấu ngoặc kép đóng đặt sai chỗ${at}`],
    [/Invalid Record Length|Record Inconsistent/i, `có số cột khác các dòng khác${at}`],
    [/Max Record Size|record exceed/i, `có dòng quá dài${at}`],
  ];
  for (const [re, text] of rules) {
    if (re.test(message)) {
      const head = message.slice(0, message.indexOf(":", message.indexOf("”")) + 1);
      return `${head || "Danh sách đơn vị không đọc được:"} ${text} (hãy mở bằng Excel và lưu lại dạng CSV).`;
    }
  }
  return message;
}
