import { Button, Link, Spinner } from "@fluentui/react-components";
import { ArrowDownloadRegular } from "@fluentui/react-icons";
import { useEffect, useRef, useState } from "react";
import { startDownload } from "../template";
import { useAsyncAction } from "../useAsyncAction";
import { ErrorBar } from "./ErrorBar";
import { Notice } from "./Notice";

export interface DownloadButtonProps {
  /** Button text, e.g. `Tải tệp mẫu .xlsx`. */
  label: string;
  /** What is being done, for error messages, e.g. `tạo tệp mẫu`. */
  action: string;
  /** Start of the success message, e.g. `Đã tạo tệp mẫu.` */
  done: string;
  disabled?: boolean;
  /** What the file is built from: a new value takes the previous file's link away (it would be out of date). */
  source?: unknown;
  /** The view's primary action (e.g. the offline page, where nothing is written into a workbook). */
  primary?: boolean;
  /** Builds the file; a thrown Error's message is shown under the button. */
  build: () => Promise<{ blob: Blob; fileName: string }>;
}

/** A button that builds a file in the browser and downloads it, with a link in case the download is blocked. */
export function DownloadButton({
  label,
  action,
  done,
  disabled,
  source,
  primary,
  build,
}: DownloadButtonProps) {
  const { busy, error, setError, run } = useAsyncAction();
  const [link, setLink] = useState<{ url: string; fileName: string } | undefined>(undefined);
  const url = useRef<string | undefined>(undefined);
  useEffect(
    () => () => {
      if (url.current) URL.revokeObjectURL(url.current);
    },
    []
  );
  useEffect(() => setLink(undefined), [source]);
  const download = () =>
    run(action, async () => {
      const { blob, fileName } = await build();
      if (url.current) URL.revokeObjectURL(url.current);
      url.current = startDownload(blob, fileName);
      setLink({ url: url.current, fileName });
    });
  return (
    <div style={{ minWidth: 0 }}>
      <Button
        appearance={primary ? "primary" : "secondary"}
        icon={busy ? <Spinner size="tiny" /> : <ArrowDownloadRegular />}
        disabled={busy || disabled}
        onClick={() => void download()}
      >
        {label}
      </Button>
      {link && (
        <Notice intent="success" resetKey={link} onDismiss={() => setLink(undefined)}>
          {done} Nếu tệp không tự tải về,{" "}
          <Link href={link.url} download={link.fileName}>
            bấm vào đây để tải “{link.fileName}”
          </Link>
          .
        </Notice>
      )}
      <ErrorBar message={error} onDismiss={() => setError(undefined)} />
    </div>
  );
}
