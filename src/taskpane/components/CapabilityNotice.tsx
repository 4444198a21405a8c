import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
} from "@fluentui/react-components";
import { DismissRegular } from "@fluentui/react-icons";
import { useState } from "react";

const useStyles = makeStyles({
  body: { overflowWrap: "anywhere" },
  list: { margin: "4px 0 0", paddingLeft: "18px" },
  more: { padding: 0, minWidth: 0, height: "auto", verticalAlign: "baseline" },
});

/** Older Excel: one sentence, and the features it lacks (sentences from the port) behind "Chi tiết". */
export function CapabilityNotice({ missing }: { missing: string[] }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const [hidden, setHidden] = useState(false);
  if (missing.length === 0 || hidden) return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="capability-notice">
      <MessageBarBody className={styles.body}>
        Excel này thiếu một số tính năng; ngăn vẫn kiểm tra được khi bấm Kiểm tra lại.{" "}
        <Button
          appearance="transparent"
          size="small"
          className={styles.more}
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {open ? "Ẩn chi tiết" : "Chi tiết"}
        </Button>
        {open && (
          <ul className={styles.list}>
            {missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
      <MessageBarActions
        containerAction={
          <Button
            appearance="transparent"
            aria-label="Đóng thông báo"
            icon={<DismissRegular />}
            onClick={() => setHidden(true)}
          />
        }
      />
    </MessageBar>
  );
}
