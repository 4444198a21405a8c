import { makeStyles, Text } from "@fluentui/react-components";
import { useMemo } from "react";
import { metaItems } from "../../core/workbook/metadata";
import type { ExcelPort } from "../../excel/contract";
import { useConsolidation } from "../useConsolidation";
import { ErrorBar } from "./ErrorBar";
import { FilesSection } from "./consolidation/FilesSection";
import { ExpectedSection, PeriodSection } from "./consolidation/SetupSections";
import { useSectionStyles } from "./consolidation/styles";
import { UnitList } from "./consolidation/UnitList";
import { WriteSection } from "./consolidation/WriteSection";

export { EXPECTED_SETTING } from "../useConsolidation";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: "16px",
    paddingTop: "8px",
    minWidth: 0,
  },
});

/**
 * "Tổng hợp": units' files → the consolidation. With `port` the result is written into the open workbook;
 * without (the offline checking page) it is only offered as a download.
 */
export function ConsolidationTab({ port }: { port: ExcelPort | undefined }) {
  const styles = useStyles();
  const s = useSectionStyles();
  const c = useConsolidation(port);
  const { result } = c;
  const inputs = useMemo(() => c.files.map((f) => f.input), [c.files]);
  const unitNames = useMemo(() => metaItems(c.expectedText), [c.expectedText]);
  return (
    <div className={styles.root}>
      {/* Once there is a result, the units come first; the period moves below them. */}
      {!result && <PeriodSection c={c} />}
      <FilesSection c={c} primary={!result} />
      <ErrorBar message={c.consolidateError} />
      {result && (
        <section className={s.section} aria-labelledby="h-cons-units">
          <h2 id="h-cons-units" className={s.h2}>
            Các đơn vị ({result.periodLabel})
          </h2>
          <Text role="status" data-testid="consolidation-summary">
            {c.mod?.submissionSummary(result)}
          </Text>
          <UnitList
            result={result}
            inputs={inputs}
            unitNames={unitNames}
            disabled={c.reading.busy || c.writing.busy}
            onRemove={c.removeFile}
            onKeep={c.keepFile}
            onAssign={c.assign}
          />
        </section>
      )}
      {result && <WriteSection c={c} port={port} />}
      {result && <PeriodSection c={c} />}
      <ExpectedSection c={c} canSave={port !== undefined} />
    </div>
  );
}
