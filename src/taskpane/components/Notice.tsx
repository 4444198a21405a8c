import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  type MessageBarIntent,
} from "@fluentui/react-components";
import { DismissRegular } from "@fluentui/react-icons";
import { useEffect, useState, type ReactNode } from "react";

export interface NoticeProps {
  intent: MessageBarIntent;
  title?: string;
  children?: ReactNode;
  /** Called when the officer closes it; without it the notice only hides itself until `resetKey` changes. */
  onDismiss?: () => void;
  /** A new value shows a dismissed notice again (e.g. the message text). */
  resetKey?: unknown;
  testId?: string;
}

/** A message bar that wraps long text and that the officer can always close. */
export function Notice({ intent, title, children, onDismiss, resetKey, testId }: NoticeProps) {
  const [hidden, setHidden] = useState(false);
  useEffect(() => setHidden(false), [resetKey]);
  if (hidden) return null;
  return (
    <MessageBar intent={intent} layout="multiline" data-testid={testId} style={{ minWidth: 0 }}>
      <MessageBarBody style={{ overflowWrap: "anywhere" }}>
        {title && <MessageBarTitle>{title}</MessageBarTitle>}
        {title && children ? " " : null}
        {children}
      </MessageBarBody>
      <MessageBarActions
        containerAction={
          <Button
            appearance="transparent"
            aria-label="Đóng thông báo"
            icon={<DismissRegular />}
            onClick={() => {
              setHidden(true);
              onDismiss?.();
            }}
          />
        }
      />
    </MessageBar>
  );
}
