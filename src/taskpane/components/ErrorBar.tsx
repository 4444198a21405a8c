import { Notice } from "./Notice";

/** A Vietnamese error message under the control that failed; nothing when there is no error. Closable. */
export function ErrorBar({
  message,
  onDismiss,
}: {
  message?: string | null;
  onDismiss?: () => void;
}) {
  if (!message) return null;
  return (
    <Notice intent="error" resetKey={message} onDismiss={onDismiss}>
      {message}
    </Notice>
  );
}
