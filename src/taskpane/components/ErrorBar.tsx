import { MessageBar, MessageBarBody } from "@fluentui/react-components";

/** A Vietnamese error message under the control that failed; nothing when there is no error. */
export function ErrorBar({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>{message}</MessageBarBody>
    </MessageBar>
  );
}
