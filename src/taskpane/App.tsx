import {
  FluentProvider,
  makeStyles,
  Tab,
  TabList,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import type { UnitReport } from "../core/report";
import type { ExcelPort } from "../excel/contract";
import { CapabilityNotice } from "./components/CapabilityNotice";
import { CheckStatus } from "./components/CheckStatus";
import { ConsolidationTab } from "./components/ConsolidationTab";
import { ErrorBoundary } from "./components/ErrorBoundary";
import { FindingsList } from "./components/FindingsList";
import { InsertPanel } from "./components/InsertPanel";
import { PreSendCheck } from "./components/PreSendCheck";
import { PreviousReport } from "./components/PreviousReport";
import { TabPanel } from "./components/TabPanel";
import { ErrorBar } from "./components/ErrorBar";
import { describeError } from "./errors";
import { defaultSelection, selectionFromReport, type Selection } from "./selection";
import { useWorkbookCheck } from "./useWorkbookCheck";

const useStyles = makeStyles({
  root: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground1 },
  main: { padding: "0 12px 24px", display: "flex", flexDirection: "column", rowGap: "16px" },
  section: { display: "flex", flexDirection: "column", rowGap: "8px" },
  h1: { fontSize: tokens.fontSizeBase400, margin: "12px 12px 4px" },
  h2: {
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    margin: "8px 0 0",
  },
});

type TabId = "entry" | "consolidate";

export interface AppProps {
  port: ExcelPort;
}

export function App({ port }: AppProps) {
  const styles = useStyles();
  const [tab, setTab] = useState<TabId>("entry");
  return (
    <FluentProvider theme={webLightTheme} className={styles.root}>
      <ErrorBoundary>
        <header>
          <h1 className={styles.h1}>Biểu mẫu CCHC</h1>
          <TabList
            selectedValue={tab}
            onTabSelect={(_, data) => setTab(data.value as TabId)}
            aria-label="Chức năng"
          >
            <Tab value="entry" id="tab-entry" aria-controls="panel-entry">
              Nhập liệu &amp; kiểm tra
            </Tab>
            <Tab value="consolidate" id="tab-consolidate" aria-controls="panel-consolidate">
              Tổng hợp
            </Tab>
          </TabList>
        </header>
        <main className={styles.main}>
          <TabPanel id="entry" shown={tab === "entry"}>
            <EntryTab port={port} />
          </TabPanel>
          <TabPanel id="consolidate" shown={tab === "consolidate"}>
            <ConsolidationTab port={port} />
          </TabPanel>
        </main>
      </ErrorBoundary>
    </FluentProvider>
  );
}

function EntryTab({ port }: { port: ExcelPort }) {
  const styles = useStyles();
  const caps = useMemo(() => port.capabilities(), [port]);
  const missing = useMemo(() => port.unavailableFeatures(), [port]);
  const [previous, setPrevious] = useState<UnitReport | undefined>(undefined);
  const check = useWorkbookCheck(port, caps, previous);
  const [selection, setSelection] = useState<Selection>(() => defaultSelection());
  const [selectError, setSelectError] = useState<string | undefined>(undefined);
  const edited = useRef(false);

  // Until the officer edits the insert form, it follows the open workbook's own form set, unit and period.
  const outcome = check.outcome;
  useEffect(() => {
    if (edited.current || outcome?.kind !== "report") return;
    setSelection((s) => selectionFromReport(s, outcome.report));
  }, [outcome]);

  const select = (cell: string) => {
    setSelectError(undefined);
    port.select(cell).catch((e: unknown) => setSelectError(describeError(e, `chọn ô ${cell}`)));
  };

  const report = outcome?.kind === "report" ? outcome.report : undefined;
  return (
    <div className={styles.section}>
      <CheckStatus check={check} caps={caps} />
      <CapabilityNotice missing={missing} />
      <section className={styles.section} aria-labelledby="h-insert">
        <h2 id="h-insert" className={styles.h2}>
          Chèn biểu mẫu
        </h2>
        <InsertPanel
          port={port}
          caps={caps}
          selection={selection}
          onSelectionChange={(s) => {
            edited.current = true;
            setSelection(s);
          }}
          onInserted={check.checkNow}
        />
      </section>
      <section className={styles.section} aria-labelledby="h-presend">
        <h2 id="h-presend" className={styles.h2}>
          Kiểm tra trước khi gửi
        </h2>
        <PreSendCheck port={port} checkNow={check.checkNow} />
      </section>
      <section className={styles.section} aria-labelledby="h-previous">
        <h2 id="h-previous" className={styles.h2}>
          So với báo cáo kỳ trước
        </h2>
        <PreviousReport previous={previous} onChange={setPrevious} />
      </section>
      <section className={styles.section} aria-labelledby="h-findings">
        <h2 id="h-findings" className={styles.h2}>
          Các lỗi và cảnh báo
        </h2>
        <ErrorBar message={selectError} />
        {report && report.findings.length === 0 && <p>Không có lỗi hay cảnh báo nào.</p>}
        {outcome?.kind === "no-forms" && (
          <p>Chưa có biểu mẫu trong sổ làm việc: hãy chèn biểu mẫu ở trên.</p>
        )}
        {report && (
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
        )}
      </section>
    </div>
  );
}
