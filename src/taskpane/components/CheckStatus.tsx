import {
  Button,
  Link,
  makeStyles,
  mergeClasses,
  Spinner,
  Switch,
  Text,
  tokens,
} from "@fluentui/react-components";
import { ArrowSyncRegular } from "@fluentui/react-icons";
import type { Capabilities } from "../../excel/contract";
import { summaryText } from "../labels";
import type { WorkbookCheck } from "../useWorkbookCheck";
import { ErrorBar } from "./ErrorBar";

const useStyles = makeStyles({
  bar: {
    position: "sticky",
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: "8px 0",
    display: "flex",
    flexDirection: "column",
    rowGap: "6px",
  },
  line: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    columnGap: "8px",
    rowGap: "4px",
  },
  summary: { fontWeight: tokens.fontWeightSemibold },
  errors: { color: tokens.colorPaletteRedForeground1 },
  time: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

function timeText(d: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

export interface CheckStatusProps {
  check: WorkbookCheck;
  caps: Capabilities;
  /** Moves to the findings; the count becomes a link to them. */
  onJump?: () => void;
}

/** Always visible at the top of the first tab: `n lỗi, n cảnh báo`, "Kiểm tra lại" and (with forms) the live switch. */
export function CheckStatus({ check, caps, onJump }: CheckStatusProps) {
  const styles = useStyles();
  const o = check.outcome;
  let summary: string;
  if (!o) summary = check.checking ? "Đang đọc sổ làm việc…" : "Chưa kiểm tra";
  else if (o.kind === "no-forms") summary = "Chưa có biểu mẫu trong sổ làm việc";
  else summary = summaryText(o.report.counts);
  const hasErrors = o?.kind === "report" && o.report.counts.errors > 0;
  return (
    <div className={styles.bar}>
      <div className={styles.line}>
        <Text
          role="status"
          aria-live="polite"
          data-testid="findings-summary"
          className={mergeClasses(styles.summary, hasErrors && styles.errors)}
        >
          {onJump ? (
            <Link
              as="button"
              className={mergeClasses(styles.summary, hasErrors && styles.errors)}
              title="Xem các lỗi và cảnh báo"
              onClick={onJump}
            >
              {summary}
            </Link>
          ) : (
            summary
          )}
        </Text>
        {o && <Text className={styles.time}>(lúc {timeText(o.at)})</Text>}
        {check.checking && <Spinner size="extra-tiny" aria-label="Đang kiểm tra" />}
      </div>
      <div className={styles.line}>
        <Button
          size="small"
          icon={<ArrowSyncRegular />}
          disabled={check.checking}
          onClick={() => void check.checkNow()}
        >
          Kiểm tra lại
        </Button>
        {/* Live checking follows the forms: shown once there are some. */}
        {o?.kind === "report" && (
          <Switch
            checked={check.live}
            disabled={!caps.events}
            label="Tự động kiểm tra khi nhập số liệu"
            onChange={(_, data) => check.setLive(data.checked)}
          />
        )}
      </div>
      <ErrorBar message={check.error} />
    </div>
  );
}
