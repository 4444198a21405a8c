import { makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import { useState, type DragEvent, type ReactNode } from "react";

const useStyles = makeStyles({
  drop: {
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: "12px",
    display: "flex",
    flexDirection: "column",
    rowGap: "8px",
    alignItems: "flex-start",
  },
  dropActive: {
    border: `2px dashed ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground2,
  },
});

export interface FileDropZoneProps {
  /** Accessible name of the zone. */
  label: string;
  /** The sentence at the top, e.g. "Kéo thả các tệp .xlsx vào đây, hoặc:". */
  prompt: string;
  testId: string;
  onFiles: (files: File[]) => void;
  /** The picker button and its hidden input, shown under the prompt. */
  children: ReactNode;
}

/** A zone that takes dropped files (highlighted while something is dragged over it). Pane and checking page. */
export function FileDropZone({ label, prompt, testId, onFiles, children }: FileDropZoneProps) {
  const styles = useStyles();
  const [dragging, setDragging] = useState(false);
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    const list = Array.from(e.dataTransfer.files);
    if (list.length > 0) onFiles(list);
  };
  return (
    <div
      className={mergeClasses(styles.drop, dragging && styles.dropActive)}
      role="group"
      aria-label={label}
      data-testid={testId}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <Text>{prompt}</Text>
      {children}
    </div>
  );
}
