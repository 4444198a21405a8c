import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { PeriodKind } from "../core/forms/schema";
import type {
  ConsolidationInput,
  ConsolidationResult,
  UnitRegister,
} from "../core/consolidate/types";
import { parsePeriodId, periodId, reportingPeriodAt } from "../core/period";
import { isConsolidationSheet } from "../core/workbook/consolidated";
import { metaItems } from "../core/workbook/metadata";
import type { ExcelPort } from "../excel/contract";
import {
  consolidateOptions,
  hasMoreThanNames,
  keepAfterChoice,
  registerForNames,
  registerOfSetting,
} from "./consolidation/options";
import { describeError } from "./errors";
import { useAsyncAction, type AsyncAction } from "./useAsyncAction";
import {
  fileBytes,
  loadConsolidation,
  nextFrame,
  readUnitFile,
  type ConsolidationModule,
} from "./unitFiles";

/** Workbook setting holding the expected-unit list, one unit per line. */
export const EXPECTED_SETTING = "cchc.expectedUnits";
/** Workbook setting holding the imported register (JSON: codes, types, other names), beside the list. */
export const REGISTER_SETTING = "cchc.unitRegister";
/** The expected-unit box is consolidated once the officer stops typing for this long. */
export const EXPECTED_DEBOUNCE_MS = 400;

export interface PickedFile {
  file: File;
  input: ConsolidationInput;
}

export interface Progress {
  done: number;
  total: number;
  /** Name of the file being read or the sheet being written. */
  current?: string;
}

export interface Written {
  names: string[];
  /** The result that was written: a newer result makes the sheets out of date. */
  result: ConsolidationResult;
}

export interface Consolidation {
  year: number;
  kind: PeriodKind;
  setPeriod: (year: number, kind: PeriodKind) => void;
  strict: boolean;
  setStrict: (on: boolean) => void;
  expectedText: string;
  setExpectedText: (text: string) => void;
  expectedInfo: string | undefined;
  setExpectedInfo: (text: string | undefined) => void;
  files: PickedFile[];
  addFiles: (list: File[]) => Promise<boolean>;
  removeFile: (name: string) => void;
  clearFiles: () => void;
  /** Which file to keep for a unit that sent several. */
  keepFile: (file: string) => void;
  /** The officer says which unit a file is. */
  assign: (file: string, unit: string) => void;
  assignments: Record<string, string>;
  readProgress: Progress | undefined;
  writeProgress: Progress | undefined;
  mod: ConsolidationModule | undefined;
  result: ConsolidationResult | undefined;
  consolidateError: string | undefined;
  reading: AsyncAction;
  expected: AsyncAction;
  writing: AsyncAction;
  saveExpected: () => Promise<boolean>;
  /** Reads the unit register (.xlsx or CSV: name, code, type, other names) into the list. */
  importRegister: (file: File) => Promise<boolean>;
  /** Sheets of an earlier consolidation found in the workbook when "Ghi" was pressed; asks to replace them. */
  replacing: string[] | undefined;
  cancelReplace: () => void;
  /** Looks for earlier consolidation sheets, asks, else writes. */
  write: () => Promise<boolean>;
  /** Writes, replacing the earlier sheets the officer agreed to. */
  confirmReplace: () => Promise<boolean>;
  written: Written | undefined;
  dismissWritten: () => void;
}

/**
 * Files read at once. Reading a file in the browser waits mostly on timers and I/O (the zip library yields
 * between chunks), so a few in flight keep the CPU busy; a few only, so memory stays bounded.
 */
export const READ_CONCURRENCY = 6;

/** Reads `files` (a few at a time, yielding between files) into inputs in the order given. */
async function readAll(
  files: File[],
  consolidation: ConsolidationModule,
  onProgress: (done: number, current: string) => void
): Promise<PickedFile[]> {
  const out: PickedFile[] = new Array<PickedFile>(files.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      onProgress(done, files[i].name);
      // Let the pane paint and answer clicks between two files.
      await nextFrame();
      out[i] = { file: files[i], input: await readUnitFile(files[i], consolidation) };
      done++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));
  return out;
}

function sameFile(a: File, b: File): boolean {
  return a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;
}

/** A value that follows `value` once it has not changed for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/**
 * State of the Tổng hợp tab. Each file is read once (kept by file); the consolidation runs once per change
 * of its inputs (files, period, list, options, the officer's answers), never per file read or keystroke.
 * With no port (the offline page) nothing is loaded from or written to a workbook.
 */
export function useConsolidation(port: ExcelPort | undefined): Consolidation {
  const [year, setYear] = useState(() => reportingPeriodAt(new Date()).year);
  const [kind, setKind] = useState<PeriodKind>(() => reportingPeriodAt(new Date()).kind);
  const [strict, setStrict] = useState(false);
  const [expectedText, setExpectedTextState] = useState("");
  const [expectedInfo, setExpectedInfo] = useState<string | undefined>(undefined);
  // The imported register: names in the box that come from it keep their codes and other names.
  const [imported, setImported] = useState<UnitRegister | undefined>(undefined);
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [keep, setKeep] = useState<string[]>([]);
  const [assignments, setAssignments] = useState<Record<string, string>>({});
  const [readProgress, setReadProgress] = useState<Progress | undefined>(undefined);
  const [writeProgress, setWriteProgress] = useState<Progress | undefined>(undefined);
  const [mod, setMod] = useState<ConsolidationModule | undefined>(undefined);
  const [written, setWritten] = useState<Written | undefined>(undefined);
  const [replacing, setReplacing] = useState<string[] | undefined>(undefined);
  const reading = useAsyncAction();
  const expected = useAsyncAction();
  const writing = useAsyncAction();
  const filesRef = useRef(files);
  filesRef.current = files;

  const { run: runExpected } = expected;
  useEffect(() => {
    if (!port) return;
    void runExpected("đọc danh sách đơn vị đã lưu", async () => {
      const saved = await port.loadSetting(EXPECTED_SETTING);
      if (saved) setExpectedTextState((current) => current || saved);
      const register = registerOfSetting(await port.loadSetting(REGISTER_SETTING));
      if (register) setImported((current) => current ?? register);
    });
  }, [port, runExpected]);

  const settledText = useDebounced(expectedText, EXPECTED_DEBOUNCE_MS);
  const expectedUnits = useMemo(() => metaItems(settledText), [settledText]);
  const period = periodId({ year, kind });
  const inputs = useMemo(() => files.map((f) => f.input), [files]);

  const outcome = useMemo((): { result?: ConsolidationResult; error?: string } => {
    if (!mod || inputs.length === 0) return {};
    try {
      const register =
        expectedUnits.length > 0
          ? registerForNames(expectedUnits, imported, mod.registerOfNames)
          : undefined;
      const result = mod.consolidate(
        inputs,
        consolidateOptions({ period, expected: expectedUnits, register, strict, keep, assignments })
      );
      return { result };
    } catch (e) {
      return { error: describeError(e, "tổng hợp") };
    }
  }, [mod, inputs, period, expectedUnits, imported, strict, keep, assignments]);

  const setPeriod = useCallback((y: number, k: PeriodKind) => {
    setYear(y);
    setKind(k);
  }, []);

  const setExpectedText = useCallback((text: string) => {
    setExpectedInfo(undefined);
    setExpectedTextState(text);
  }, []);

  const addFiles = (list: File[]) =>
    reading
      .run("đọc các tệp", async () => {
        const before = filesRef.current;
        const fresh = list.filter((f) => !before.some((g) => sameFile(g.file, f)));
        if (fresh.length === 0) return;
        setReadProgress({ done: 0, total: fresh.length, current: fresh[0].name });
        const consolidation = mod ?? (await loadConsolidation());
        setMod(consolidation);
        const read = await readAll(fresh, consolidation, (done, current) =>
          setReadProgress({ done, total: fresh.length, current })
        );
        setFiles((current) => [
          // A file picked again under the same name replaces the older copy.
          ...current.filter((g) => !read.some((r) => r.file.name === g.file.name)),
          ...read,
        ]);
        // The period of the first readable file is the likely one, when nothing was read before.
        if (before.length === 0) {
          const first = read.find((r) => r.input.report.ok && r.input.report.period);
          const p = first?.input.report.ok && first.input.report.period;
          const parsed = p ? parsePeriodId(p) : null;
          if (parsed) setPeriod(parsed.year, parsed.kind);
        }
      })
      .finally(() => setReadProgress(undefined));

  const removeFile = useCallback((name: string) => {
    setFiles((current) => current.filter((f) => f.input.file !== name));
    setKeep((k) => k.filter((f) => f !== name));
    setAssignments((a) => {
      const next = { ...a };
      delete next[name];
      return next;
    });
  }, []);

  const clearFiles = useCallback(() => {
    setFiles([]);
    setKeep([]);
    setAssignments({});
  }, []);

  const duplicates = outcome.result?.duplicates;
  const keepFile = useCallback(
    (file: string) => setKeep((k) => keepAfterChoice(k, duplicates ?? [], file)),
    [duplicates]
  );

  const assign = useCallback((file: string, unit: string) => {
    setAssignments((a) => ({ ...a, [file]: unit }));
  }, []);

  const saveExpected = () =>
    expected.run("lưu danh sách đơn vị", async () => {
      if (!port) return;
      const units = metaItems(expectedText);
      await port.saveSetting(EXPECTED_SETTING, units.join("\n"));
      // Codes and other names of an imported register are kept too (only for the names still listed).
      let register: UnitRegister | undefined;
      if (imported) {
        const consolidation = mod ?? (await loadConsolidation());
        setMod(consolidation);
        register = registerForNames(units, imported, consolidation.registerOfNames);
      }
      await port.saveSetting(
        REGISTER_SETTING,
        register && hasMoreThanNames(register) ? JSON.stringify(register) : ""
      );
      setExpectedInfo(`Đã lưu ${units.length} đơn vị vào sổ làm việc.`);
    });

  const importRegister = (file: File) =>
    expected.run("đọc tệp danh sách đơn vị", async () => {
      setExpectedInfo(undefined);
      const consolidation = mod ?? (await loadConsolidation());
      setMod(consolidation);
      const register = await consolidation.registerOfBytes(file.name, await fileBytes(file));
      const names = register.units.map((u) => u.name);
      setImported(register);
      setExpectedTextState(names.join("\n"));
      const more = hasMoreThanNames(register) ? " (kèm mã, loại, tên khác)" : "";
      setExpectedInfo(
        port
          ? `Đã nhập ${names.length} đơn vị${more} từ “${file.name}”. Bấm “Lưu danh sách” để giữ lại trong sổ làm việc.`
          : `Đã nhập ${names.length} đơn vị${more} từ “${file.name}”.`
      );
    });

  const result = outcome.result;
  const writeNow = async (replace: string[]) => {
    if (!port || !mod || !result) return;
    const sheets = mod.consolidationSheets(result);
    if (replace.length > 0 && port.removeSheets) await port.removeSheets(replace);
    setWriteProgress({ done: 0, total: sheets.length, current: sheets[0]?.name });
    try {
      const names = await port.writeSheets(sheets, (done, total) =>
        setWriteProgress({ done, total, current: sheets[Math.min(done, sheets.length - 1)]?.name })
      );
      setWritten({ names, result });
    } finally {
      setWriteProgress(undefined);
    }
  };

  const write = () =>
    writing.run("ghi kết quả tổng hợp", async () => {
      if (!port || !result) return;
      setWritten(undefined);
      const snapshot = await port.readSnapshot();
      const old = snapshot.sheets.filter(isConsolidationSheet).map((s) => s.name);
      if (old.length > 0) {
        setReplacing(old);
        return;
      }
      await writeNow([]);
    });

  const confirmReplace = () => {
    const old = replacing ?? [];
    setReplacing(undefined);
    return writing.run("ghi kết quả tổng hợp", () => writeNow(old));
  };

  return {
    year,
    kind,
    setPeriod,
    strict,
    setStrict,
    expectedText,
    setExpectedText,
    expectedInfo,
    setExpectedInfo,
    files,
    addFiles,
    removeFile,
    clearFiles,
    keepFile,
    assign,
    assignments,
    readProgress,
    writeProgress,
    mod,
    result,
    consolidateError: outcome.error,
    reading,
    expected,
    writing,
    saveExpected,
    importRegister,
    replacing,
    cancelReplace: () => setReplacing(undefined),
    write,
    confirmReplace,
    written,
    dismissWritten: () => setWritten(undefined),
  };
}
