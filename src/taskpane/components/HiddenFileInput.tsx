import type { Ref } from "react";

export interface HiddenFileInputProps {
  ref: Ref<HTMLInputElement>;
  accept: string;
  multiple?: boolean;
  /** Accessible name (the input is opened by a visible button). */
  label: string;
  testId: string;
  onFiles: (files: File[]) => void;
}

/** A file input opened by a button: cleared after each pick so that the same file can be picked again. */
export function HiddenFileInput({
  ref,
  accept,
  multiple,
  label,
  testId,
  onFiles,
}: HiddenFileInputProps) {
  return (
    <input
      ref={ref}
      style={{ display: "none" }}
      type="file"
      accept={accept}
      multiple={multiple}
      aria-label={label}
      data-testid={testId}
      onChange={(e) => {
        const files = Array.from(e.currentTarget.files ?? []);
        e.currentTarget.value = "";
        if (files.length > 0) onFiles(files);
      }}
    />
  );
}
