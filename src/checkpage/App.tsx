import {
  FluentProvider,
  makeStyles,
  Tab,
  TabList,
  Text,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import { useState } from "react";
import { ConsolidationTab } from "../taskpane/components/ConsolidationTab";
import { ErrorBoundary } from "../taskpane/components/ErrorBoundary";
import { TabPanel } from "../taskpane/components/TabPanel";
import { FileCheckTab } from "./FileCheckTab";

const useStyles = makeStyles({
  root: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground1 },
  page: { maxWidth: "960px", margin: "0 auto" },
  header: { padding: "0 12px" },
  h1: { fontSize: tokens.fontSizeBase500, margin: "12px 0 4px" },
  lead: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  main: { padding: "0 12px 24px", display: "flex", flexDirection: "column", rowGap: "16px" },
});

type TabId = "check" | "consolidate";

/** The checking page: the pane's checks and consolidation without Excel; nothing is sent anywhere. */
export function CheckPage() {
  const styles = useStyles();
  const [tab, setTab] = useState<TabId>("check");
  return (
    <FluentProvider theme={webLightTheme} className={styles.root}>
      <ErrorBoundary>
        <div className={styles.page}>
          <header className={styles.header}>
            <h1 className={styles.h1}>Kiểm tra tệp Biểu mẫu CCHC</h1>
            <Text as="p" className={styles.lead}>
              Các tệp chỉ được đọc trên máy này, không gửi đi đâu và không bị thay đổi.
            </Text>
            <TabList
              selectedValue={tab}
              onTabSelect={(_, data) => setTab(data.value as TabId)}
              aria-label="Chức năng"
            >
              <Tab value="check" id="tab-check" aria-controls="panel-check">
                Kiểm tra tệp
              </Tab>
              <Tab value="consolidate" id="tab-consolidate" aria-controls="panel-consolidate">
                Tổng hợp
              </Tab>
            </TabList>
          </header>
          <main className={styles.main}>
            <TabPanel id="check" shown={tab === "check"}>
              <FileCheckTab />
            </TabPanel>
            <TabPanel id="consolidate" shown={tab === "consolidate"}>
              <ConsolidationTab port={undefined} />
            </TabPanel>
          </main>
        </div>
      </ErrorBoundary>
    </FluentProvider>
  );
}
