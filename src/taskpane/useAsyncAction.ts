import { useCallback, useState } from "react";
import { describeError } from "./errors";

export interface AsyncAction {
  busy: boolean;
  /** Vietnamese message of the last failure, cleared when the next run starts. */
  error: string | undefined;
  setError: (message: string | undefined) => void;
  /**
   * Runs an async handler so that nothing escapes: a failure becomes `error`, never an unhandled rejection.
   * `action` names what is being done (`chèn biểu mẫu`) for the message. Resolves to false on failure.
   */
  run: (action: string, fn: () => Promise<void>) => Promise<boolean>;
}

export function useAsyncAction(): AsyncAction {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const run = useCallback(async (action: string, fn: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await fn();
      return true;
    } catch (e) {
      setError(describeError(e, action));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
