import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import { placeInWords, withPlaceInWords } from "../../core/place";
import type { UnitReport } from "../../core/report";
import type { ExcelPort } from "../../excel/contract";
import { describeError } from "../errors";
import { defaultSelection, selectionFromReport, type Selection } from "../selection";
import { useWorkbookCheck } from "../useWorkbookCheck";
import { CapabilityNotice } from "./CapabilityNotice";
import { CheckStatus } from "./CheckStatus";
import { ErrorBar } from "./ErrorBar";
import { FindingsList } from "./FindingsList";
import { InsertPanel, type InsertNote } from "./InsertPanel";
import { Notice } from "./Notice";
import { PreSendCheck } from "./PreSendCheck";
import { PreviousReport } from "./PreviousReport";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", rowGap: "8px" },
  h2: {
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    margin: "8px 0 0",
  },
  list: { margin: "4px 0 0", paddingLeft: "18px" },
  // Below the sticky status bar when the count jumps here.
  jumpTarget: { scrollMarginTop: "120px" },
});

/**
 * "Nhập liệu & kiểm tra", ordered by the officer's job: without forms the first screen is the insert step;
 * with forms it is the status, the findings and the pre-send check, and the rest sits in closed sections.
 */
export function EntryTab({ port }: { port: ExcelPort }) {
  const styles = useStyles();
  const caps = useMemo(() => port.capabilities(), [port]);
  const missing = useMemo(() => port.unavailableFeatures(), [port]);
  const [previous, setPrevious] = useState<UnitReport | undefined>(undefined);
  const check = useWorkbookCheck(port, caps, previous);
  const [selection, setSelection] = useState<Selection>(() => defaultSelection());
  const [selectError, setSelectError] = useState<string | undefined>(undefined);
  const [inserted, setInserted] = useState<InsertNote | undefined>(undefined);
  const edited = useRef(false);
  const findingsHeading = useRef<HTMLHeadingElement>(null);

  // Until the officer edits the insert form, it follows the open workbook's own form set, unit and period.
  const outcome = check.outcome;
  useEffect(() => {
    if (edited.current || outcome?.kind !== "report") return;
    setSelection((s) => selectionFromReport(s, outcome.report));
  }, [outcome]);
  // A failed selection belongs to the workbook as it was.
  useEffect(() => setSelectError(undefined), [outcome]);

  const select = (cell: string) => {
    setSelectError(undefined);
    port
      .select(cell)
      .catch((e: unknown) =>
        setSelectError(withPlaceInWords(describeError(e, `chọn ${placeInWords(cell)}`), cell))
      );
  };

  const jumpToFindings = () => {
    const h = findingsHeading.current;
    if (!h) return;
    h.scrollIntoView({ block: "start" });
    h.focus();
  };

  const report = outcome?.kind === "report" ? outcome.report : undefined;
  const insertPanel = (
    <InsertPanel
      port={port}
      caps={caps}
      primary={!report}
      workbookState={outcome}
      selection={selection}
      onSelectionChange={(s) => {
        edited.current = true;
        setSelection(s);
      }}
      onInserted={(note) => {
        setInserted(note);
        return check.checkNow();
      }}
    />
  );
  const previousPanel = (
    <PreviousReport previous={previous} current={report} onChange={setPrevious} />
  );
  const insertedNotice = inserted && (
    <Notice intent="success" resetKey={inserted} onDismiss={() => setInserted(undefined)}>
      {inserted.text}
      {inserted.notes.length > 0 && (
        <ul className={styles.list}>
          {inserted.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </Notice>
  );

  return (
    <div className={styles.section}>
      <CheckStatus check={check} caps={caps} onJump={report ? jumpToFindings : undefined} />
      <CapabilityNotice missing={missing} />
      {insertedNotice}
      {!report && (
        <section className={styles.section} aria-labelledby="h-insert">
          <h2 id="h-insert" className={styles.h2}>
            Chèn biểu mẫu
          </h2>
          {insertPanel}
        </section>
      )}
      {report && (
        <>
          <section className={styles.section} aria-labelledby="h-findings">
            <h2
              id="h-findings"
              className={mergeClasses(styles.h2, styles.jumpTarget)}
              ref={findingsHeading}
              tabIndex={-1}
            >
              Các lỗi và cảnh báo
            </h2>
            <ErrorBar message={selectError} onDismiss={() => setSelectError(undefined)} />
            {report.findings.length === 0 && (
              <p style={{ margin: 0 }}>Không có lỗi hay cảnh báo nào.</p>
            )}
            <FindingsList
              findings={report.findings}
              formSet={report.formSet}
              onSelect={select}
              onConvertTextNumbers={async (cells) => {
                const done = await port.convertTextNumbers(cells);
                await check.checkNow();
                return done;
              }}
            />
          </section>
          <section className={styles.section} aria-labelledby="h-presend">
            <h2 id="h-presend" className={styles.h2}>
              Kiểm tra trước khi gửi
            </h2>
            <PreSendCheck port={port} outcome={outcome} checkNow={check.checkNow} />
          </section>
          <Accordion collapsible multiple>
            <AccordionItem value="insert">
              <AccordionHeader as="h2">Chèn lại hoặc dựng lại biểu mẫu</AccordionHeader>
              <AccordionPanel>{insertPanel}</AccordionPanel>
            </AccordionItem>
            <AccordionItem value="previous">
              <AccordionHeader as="h2">So với báo cáo kỳ trước</AccordionHeader>
              <AccordionPanel>{previousPanel}</AccordionPanel>
            </AccordionItem>
          </Accordion>
        </>
      )}
    </div>
  );
}
