import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";

/** Features the open Excel lacks, each with the reason and what to do instead (sentences from the port). */
export function CapabilityNotice({ missing }: { missing: string[] }) {
  if (missing.length === 0) return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="capability-notice">
      <MessageBarBody>
        <MessageBarTitle>Phiên bản Excel này thiếu một số tính năng</MessageBarTitle>
        <ul style={{ margin: "4px 0 0", paddingLeft: "18px" }}>
          {missing.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
