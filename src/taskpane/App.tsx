import {
  FluentProvider,
  Link,
  makeStyles,
  Tab,
  TabList,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import { useState } from "react";
import type { ExcelPort } from "../excel/contract";
import { ConsolidationTab } from "./components/ConsolidationTab";
import { EntryTab } from "./components/EntryTab";
import { ErrorBoundary } from "./components/ErrorBoundary";
import { TabPanel } from "./components/TabPanel";

const useStyles = makeStyles({
  // On an inner element: FluentProvider copies its own class onto portal mount nodes (drop-downs, dialogs).
  root: {
    minHeight: "100vh",
    backgroundColor: tokens.colorNeutralBackground1,
    overflowWrap: "anywhere",
  },
  top: {
    display: "flex",
    alignItems: "baseline",
    justifyContent: "space-between",
    margin: "12px 12px 4px",
  },
  h1: { fontSize: tokens.fontSizeBase400, margin: 0 },
  help: { fontSize: tokens.fontSizeBase200 },
  main: { padding: "0 12px 24px", display: "flex", flexDirection: "column", rowGap: "16px" },
});

type TabId = "entry" | "consolidate";

export interface AppProps {
  port: ExcelPort;
}

export function App({ port }: AppProps) {
  const styles = useStyles();
  const [tab, setTab] = useState<TabId>("entry");
  return (
    <FluentProvider theme={webLightTheme}>
      <div className={styles.root}>
        <ErrorBoundary>
          <header>
            <div className={styles.top}>
              <h1 className={styles.h1}>Biểu mẫu CCHC</h1>
              <Link className={styles.help} href="help.html" target="_blank" rel="noopener">
                Hướng dẫn
              </Link>
            </div>
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
      </div>
    </FluentProvider>
  );
}
