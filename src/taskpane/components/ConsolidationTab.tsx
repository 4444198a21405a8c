import {
  Badge,
  Button,
  Field,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Spinner,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import {
  ArrowUploadRegular,
  DeleteRegular,
  DocumentArrowUpRegular,
  SaveRegular,
  TableSimpleIncludeRegular,
} from "@fluentui/react-icons";
import { useEffect, useMemo, useRef, useState, type DragEvent } from "react";
import type { PeriodKind } from "../../core/forms/schema";
import { PERIOD_KINDS } from "../../core/forms/schema";
import type { ConsolidationInput, ConsolidationResult } from "../../core/consolidate/types";
import { emptyFormsNote } from "../../core/completeness";
import { parsePeriodId, periodId, reportingPeriodAt } from "../../core/period";
import { metaItems } from "../../core/workbook/metadata";
import type { ExcelPort } from "../../excel/contract";
import { describeError } from "../errors";
import { summaryText } from "../labels";
import { useAsyncAction } from "../useAsyncAction";
import {
  fileBytes,
  loadConsolidation,
  nextFrame,
  readUnitFile,
  type ConsolidationModule,
} from "../unitFiles";
import { buildConsolidationFile } from "../template";
import { DownloadButton } from "./DownloadButton";
import { PeriodPicker } from "./PeriodPicker";
import { ErrorBar } from "./ErrorBar";
import { HiddenFileInput } from "./HiddenFileInput";

/** Workbook setting holding the expected-unit list, one unit per line. */
export const EXPECTED_SETTING = "cchc.expectedUnits";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: "16px", paddingTop: "8px" },
  section: { display: "flex", flexDirection: "column", rowGap: "8px" },
  h2: {
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    margin: "8px 0 0",
  },
  row: { display: "flex", flexWrap: "wrap", columnGap: "8px", rowGap: "8px", alignItems: "center" },
  drop: {
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: "16px",
    display: "flex",
    flexDirection: "column",
    rowGap: "8px",
    alignItems: "flex-start",
  },
  dropActive: {
    border: `2px dashed ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground2,
  },
  table: { tableLayout: "auto" },
  detail: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

type UnitStatus = "included" | "duplicate" | "excluded" | "missing";

interface UnitRow {
  key: string;
  unit: string;
  file: string;
  status: UnitStatus;
  label: string;
  detail?: string;
  errors?: number;
  warnings?: number;
}

const STATUS_COLOR: Record<UnitStatus, "success" | "warning" | "danger" | "informative"> = {
  included: "success",
  duplicate: "warning",
  excluded: "danger",
  missing: "informative",
};

/** The consolidation result as table rows: included, duplicate, excluded files, then units not received. */
function unitRows(result: ConsolidationResult, inputs: ConsolidationInput[]): UnitRow[] {
  const counts = new Map(
    inputs.map((i) => [i.file, i.report.ok ? i.report.counts : undefined] as const)
  );
  const rows: UnitRow[] = [];
  for (const u of result.units) {
    rows.push({
      key: `u|${u.file}`,
      unit: u.unit,
      file: u.file,
      status: "included",
      label: u.expected === false ? "Đã tổng hợp (không có trong danh sách)" : "Đã tổng hợp",
      detail: emptyFormsNote(u.emptyForms),
      errors: u.errors,
      warnings: u.warnings,
    });
  }
  for (const d of result.duplicates) {
    for (const file of d.dropped) {
      rows.push({
        key: `d|${file}`,
        unit: d.unit,
        file,
        status: "duplicate",
        label: "Trùng, không dùng",
        detail: d.reason,
        errors: counts.get(file)?.errors,
        warnings: counts.get(file)?.warnings,
      });
    }
  }
  for (const x of result.excluded) {
    rows.push({
      key: `x|${x.file}|${x.cause}`,
      unit: x.unit ?? "—",
      file: x.file,
      status: "excluded",
      label: "Bị loại",
      detail: x.reason,
      errors: x.errors ?? counts.get(x.file)?.errors,
      warnings: counts.get(x.file)?.warnings,
    });
  }
  for (const name of result.missing) {
    rows.push({ key: `m|${name}`, unit: name, file: "—", status: "missing", label: "Chưa nộp" });
  }
  return rows;
}

function sameFile(a: File, b: File): boolean {
  return a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;
}

/** Without `port` (the checking page, no Excel) files are read, consolidated and downloaded only. */
export function ConsolidationTab({ port }: { port: ExcelPort | undefined }) {
  const styles = useStyles();
  // Until a file says otherwise, the period being reported today.
  const [year, setYear] = useState(() => reportingPeriodAt(new Date()).year);
  const [kind, setKind] = useState<PeriodKind>(() => reportingPeriodAt(new Date()).kind);
  const [strict, setStrict] = useState(false);
  const [expectedText, setExpectedText] = useState("");
  const [expectedInfo, setExpectedInfo] = useState<string | undefined>(undefined);
  const [files, setFiles] = useState<{ file: File; input: ConsolidationInput }[]>([]);
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>(undefined);
  const [dragging, setDragging] = useState(false);
  const [mod, setMod] = useState<ConsolidationModule | undefined>(undefined);
  const [written, setWritten] = useState<string[] | undefined>(undefined);
  const reading = useAsyncAction();
  const expected = useAsyncAction();
  const writing = useAsyncAction();
  const xlsxInput = useRef<HTMLInputElement>(null);
  const csvInput = useRef<HTMLInputElement>(null);

  // The expected-unit list saved in this workbook.
  const { run: runExpected } = expected;
  useEffect(() => {
    if (!port) return;
    void runExpected("đọc danh sách đơn vị đã lưu", async () => {
      const saved = await port.loadSetting(EXPECTED_SETTING);
      if (saved) setExpectedText((current) => current || saved);
    });
  }, [port, runExpected]);

  const expectedUnits = useMemo(() => metaItems(expectedText), [expectedText]);
  const period = periodId({ year, kind });
  const inputs = useMemo(() => files.map((f) => f.input), [files]);

  const outcome = useMemo((): { result?: ConsolidationResult; error?: string } => {
    if (!mod || inputs.length === 0) return {};
    try {
      const result = mod.consolidate(inputs, {
        period,
        expected: expectedUnits.length > 0 ? expectedUnits : undefined,
        strict,
      });
      return { result };
    } catch (e) {
      return { error: describeError(e, "tổng hợp") };
    }
  }, [mod, inputs, period, expectedUnits, strict]);
  const result = outcome.result;
  const rows = useMemo(() => (result ? unitRows(result, inputs) : []), [result, inputs]);

  const addFiles = (list: File[]) =>
    reading
      .run("đọc các tệp", async () => {
        setWritten(undefined);
        const fresh = list.filter((f) => !files.some((g) => sameFile(g.file, f)));
        if (fresh.length === 0) return;
        setProgress({ done: 0, total: fresh.length });
        const consolidation = mod ?? (await loadConsolidation());
        setMod(consolidation);
        const read: { file: File; input: ConsolidationInput }[] = [];
        for (const file of fresh) {
          await nextFrame();
          read.push({ file, input: await readUnitFile(file, consolidation) });
          setProgress({ done: read.length, total: fresh.length });
        }
        setFiles((current) => [
          ...current,
          ...read.filter((r) => !current.some((g) => sameFile(g.file, r.file))),
        ]);
        // The period of the first readable file is the likely one to consolidate, when nothing was read before.
        if (files.length === 0) {
          const first = read.find((r) => r.input.report.ok && r.input.report.period);
          const p = first?.input.report.ok && first.input.report.period;
          const parsed = p ? parsePeriodId(p) : null;
          if (parsed) {
            setYear(parsed.year);
            setKind(parsed.kind);
          }
        }
      })
      .finally(() => setProgress(undefined));

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    const list = Array.from(e.dataTransfer.files);
    if (list.length > 0) void addFiles(list);
  };

  const saveExpected = () =>
    expected.run("lưu danh sách đơn vị", async () => {
      if (!port) return;
      await port.saveSetting(EXPECTED_SETTING, expectedUnits.join("\n"));
      setExpectedInfo(`Đã lưu ${expectedUnits.length} đơn vị vào sổ làm việc.`);
    });

  const importCsv = (file: File) =>
    expected.run("đọc tệp danh sách đơn vị", async () => {
      setExpectedInfo(undefined);
      const consolidation = mod ?? (await loadConsolidation());
      setMod(consolidation);
      const names = consolidation.expectedUnitsOfBytes(file.name, await fileBytes(file));
      setExpectedText(names.join("\n"));
      setExpectedInfo(
        `Đã nhập ${names.length} đơn vị từ “${file.name}”.` +
          (port ? " Bấm “Lưu danh sách” để giữ lại trong sổ làm việc." : "")
      );
    });

  const write = () =>
    writing.run("ghi kết quả tổng hợp", async () => {
      if (!mod || !result || !port) return;
      const names = await port.writeSheets(mod.consolidationSheets(result));
      setWritten(names);
    });

  const included = result?.units.length ?? 0;
  return (
    <div className={styles.root}>
      <section className={styles.section} aria-labelledby="h-cons-period">
        <h2 id="h-cons-period" className={styles.h2}>
          Kỳ tổng hợp
        </h2>
        <PeriodPicker
          label="Kỳ tổng hợp"
          year={year}
          kind={kind}
          kinds={PERIOD_KINDS}
          onChange={(y, k) => {
            setYear(y);
            setKind(k);
          }}
        />
        <Switch
          checked={strict}
          label="Chỉ tổng hợp các tệp không có lỗi"
          onChange={(_, data) => setStrict(data.checked)}
        />
      </section>

      <section className={styles.section} aria-labelledby="h-cons-expected">
        <h2 id="h-cons-expected" className={styles.h2}>
          Danh sách đơn vị phải nộp
        </h2>
        <Field
          label="Mỗi dòng một đơn vị"
          hint={
            port
              ? "Dùng để biết đơn vị nào chưa nộp; lưu trong sổ làm việc này."
              : "Dùng để biết đơn vị nào chưa nộp."
          }
        >
          <Textarea
            value={expectedText}
            rows={5}
            resize="vertical"
            onChange={(_, data) => {
              setExpectedInfo(undefined);
              setExpectedText(data.value);
            }}
          />
        </Field>
        <div className={styles.row}>
          {port && (
            <Button
              icon={<SaveRegular />}
              disabled={expected.busy}
              onClick={() => void saveExpected()}
            >
              Lưu danh sách
            </Button>
          )}
          <Button
            icon={<DocumentArrowUpRegular />}
            disabled={expected.busy}
            onClick={() => csvInput.current?.click()}
          >
            Nhập từ tệp units.csv…
          </Button>
          <HiddenFileInput
            ref={csvInput}
            accept=".csv,.txt,text/csv"
            label="Chọn tệp CSV danh sách đơn vị"
            testId="expected-csv-input"
            onFiles={([f]) => void importCsv(f)}
          />
        </div>
        {expectedInfo && (
          <MessageBar intent="success">
            <MessageBarBody>{expectedInfo}</MessageBarBody>
          </MessageBar>
        )}
        <ErrorBar message={expected.error} />
      </section>

      <section className={styles.section} aria-labelledby="h-cons-files">
        <h2 id="h-cons-files" className={styles.h2}>
          Tệp của các đơn vị
        </h2>
        <div
          className={mergeClasses(styles.drop, dragging && styles.dropActive)}
          role="group"
          aria-label="Vùng kéo thả tệp .xlsx"
          data-testid="drop-zone"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <Text>Kéo thả các tệp .xlsx của đơn vị vào đây, hoặc:</Text>
          <div className={styles.row}>
            <Button
              appearance="primary"
              icon={<ArrowUploadRegular />}
              disabled={reading.busy}
              onClick={() => xlsxInput.current?.click()}
            >
              Chọn tệp .xlsx…
            </Button>
            {files.length > 0 && (
              <Button
                icon={<DeleteRegular />}
                disabled={reading.busy}
                onClick={() => {
                  setFiles([]);
                  setWritten(undefined);
                }}
              >
                Bỏ hết {files.length} tệp đã chọn
              </Button>
            )}
          </div>
          <HiddenFileInput
            ref={xlsxInput}
            accept=".xlsx"
            multiple
            label="Chọn các tệp .xlsx của đơn vị"
            testId="unit-files-input"
            onFiles={(list) => void addFiles(list)}
          />
        </div>
        {progress && (
          <Field
            label="Đang đọc tệp"
            validationState="none"
            validationMessage={`Đã đọc ${progress.done}/${progress.total} tệp…`}
          >
            <ProgressBar value={progress.total ? progress.done / progress.total : 0} max={1} />
          </Field>
        )}
        <ErrorBar message={reading.error} />
      </section>

      <ErrorBar message={outcome.error} />

      {result && (
        <section className={styles.section} aria-labelledby="h-cons-units">
          <h2 id="h-cons-units" className={styles.h2}>
            Các đơn vị ({result.periodLabel})
          </h2>
          <Text role="status" data-testid="consolidation-summary">
            {mod?.submissionSummary(result)}
          </Text>
          <Table
            size="small"
            className={styles.table}
            aria-label="Tình trạng các đơn vị"
            data-testid="units-table"
          >
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Đơn vị</TableHeaderCell>
                <TableHeaderCell>Tình trạng</TableHeaderCell>
                <TableHeaderCell>Lỗi, cảnh báo</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.key} data-status={r.status}>
                  <TableCell>
                    <div>{r.unit}</div>
                    <div className={styles.detail}>{r.file}</div>
                  </TableCell>
                  <TableCell>
                    <Badge appearance="tint" color={STATUS_COLOR[r.status]}>
                      {r.label}
                    </Badge>
                    {r.detail && <div className={styles.detail}>{r.detail}</div>}
                  </TableCell>
                  <TableCell>
                    {r.errors === undefined
                      ? "—"
                      : summaryText({ errors: r.errors, warnings: r.warnings ?? 0, infos: 0 })}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <div className={styles.row}>
            {port && (
              <Button
                appearance="primary"
                icon={writing.busy ? <Spinner size="tiny" /> : <TableSimpleIncludeRegular />}
                disabled={writing.busy || included === 0}
                onClick={() => void write()}
              >
                Ghi kết quả tổng hợp
              </Button>
            )}
            <DownloadButton
              label="Tải tệp tổng hợp .xlsx"
              action="tạo tệp tổng hợp"
              done="Đã tạo tệp tổng hợp."
              disabled={!mod || included === 0}
              build={() =>
                mod && result
                  ? buildConsolidationFile(mod, result)
                  : Promise.reject(new Error("Chưa có kết quả tổng hợp để tải về."))
              }
            />
          </div>
          {included === 0 && (
            <Text className={styles.detail}>
              Chưa có đơn vị nào được tổng hợp: chưa thể {port ? "ghi" : "tải"} kết quả.
            </Text>
          )}
          {written && (
            <MessageBar intent="success" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>Đã ghi {written.length} trang mới.</MessageBarTitle>{" "}
                {written.map((n) => `“${n}”`).join(", ")}
              </MessageBarBody>
            </MessageBar>
          )}
          <ErrorBar message={writing.error} />
        </section>
      )}
    </div>
  );
}
