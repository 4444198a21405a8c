import { execFileSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** One file of the corpus as the generator meant it. */
export interface CorpusEntry {
  file: string;
  set: string;
  /** The unit the file is from (absent when it cannot be told). */
  unit?: string;
  /** Default: included. */
  outcome?: "excluded" | "confirm-unit" | "confirm-period";
  candidates?: string[];
  reason?: string;
  /** Keys whose typed value is wrong for its kind (never summed). */
  not_summed?: string[];
  /** The file states no period. */
  assumed?: boolean;
  /** `text-vi`: typed as Vietnamese text into text cells (no ratio formulas); default numbers and formulas. */
  entry?: "text-vi";
  /** What the officer typed, keyed `form:code`. */
  values: Record<string, number>;
}

const ROOT = path.resolve(__dirname, "../..");
const SCRIPT = path.join(__dirname, "make_corpus.py");
const SETS = ["so-nganh-2024", "dia-phuong-2024"].map((s) =>
  path.join(ROOT, "src/core/forms/sets", `${s}.json`)
);

function python(): string {
  return fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

/**
 * The corpus directory: `lo/*.xlsx` (the generator's files as LibreOffice re-saved them, with real cached
 * formula values), `register.csv`, `manifest.json`. Made once per content hash of the generator and the form sets,
 * in the system's temp directory; LibreOffice runs once for all files, with a profile of its own.
 */
export function corpusDir(): string {
  const hash = createHash("sha256");
  for (const f of [SCRIPT, ...SETS]) hash.update(fs.readFileSync(f));
  const dir = path.join(os.tmpdir(), `cchc-corpus-${hash.digest("hex").slice(0, 16)}`);
  if (fs.existsSync(path.join(dir, "done"))) return dir;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-corpus-work-"));
  execFileSync(python(), [SCRIPT, work, ROOT], { stdio: "pipe" });
  const raw = path.join(work, "raw");
  const files = fs.readdirSync(raw).map((f) => path.join(raw, f));
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=file://${path.join(work, "profile")}`,
      "--headless",
      "--norestore",
      "--convert-to",
      "xlsx",
      "--outdir",
      path.join(work, "lo"),
      ...files,
    ],
    { stdio: "pipe", timeout: 180_000 }
  );
  const converted = fs.readdirSync(path.join(work, "lo"));
  if (converted.length !== files.length) {
    throw new Error(`LibreOffice converted ${converted.length} of ${files.length} corpus files`);
  }
  fs.rmSync(path.join(work, "profile"), { recursive: true, force: true });
  fs.writeFileSync(path.join(work, "done"), "");
  try {
    fs.renameSync(work, dir);
  } catch {
    // Another run made it first.
    fs.rmSync(work, { recursive: true, force: true });
  }
  return dir;
}

export function manifest(dir: string): CorpusEntry[] {
  return JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf-8")) as CorpusEntry[];
}
