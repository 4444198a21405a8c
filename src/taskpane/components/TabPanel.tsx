import type { ReactNode } from "react";
import { ErrorBoundary } from "./ErrorBoundary";

/** A tab's panel (`panel-<id>`, labelled by `tab-<id>`); a crash inside it stays inside it. */
export function TabPanel({
  id,
  shown,
  children,
}: {
  id: string;
  shown: boolean;
  children: ReactNode;
}) {
  return (
    <div role="tabpanel" id={`panel-${id}`} aria-labelledby={`tab-${id}`} hidden={!shown}>
      <ErrorBoundary>{children}</ErrorBoundary>
    </div>
  );
}
