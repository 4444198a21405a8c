import { Button, Link, MessageBar, MessageBarBody, Spinner } from "@fluentui/react-components";
import { ArrowDownloadRegular } from "@fluentui/react-icons";
import { useEffect, useRef, useState } from "react";
import { buildTemplateFile, startDownload } from "../template";
import { catalogOf, periodOf, type Selection } from "../selection";
import { useAsyncAction } from "../useAsyncAction";

/** "Tải tệp mẫu .xlsx": the template with Data Validation in the file, built in the browser. */
export function TemplateDownload({ selection }: { selection: Selection }) {
  const { busy, error, run } = useAsyncAction();
  const [link, setLink] = useState<{ url: string; fileName: string } | undefined>(undefined);
  const url = useRef<string | undefined>(undefined);
  useEffect(
    () => () => {
      if (url.current) URL.revokeObjectURL(url.current);
    },
    []
  );
  const download = () =>
    run("tạo tệp mẫu", async () => {
      if (!selection.unit.trim()) {
        throw new Error("Hãy nhập tên đơn vị báo cáo trước khi tải tệp mẫu.");
      }
      const { blob, fileName } = await buildTemplateFile(
        catalogOf(selection),
        selection.unit.trim(),
        periodOf(selection)
      );
      if (url.current) URL.revokeObjectURL(url.current);
      url.current = startDownload(blob, fileName);
      setLink({ url: url.current, fileName });
    });
  return (
    <div>
      <Button
        icon={busy ? <Spinner size="tiny" /> : <ArrowDownloadRegular />}
        disabled={busy}
        onClick={() => void download()}
      >
        Tải tệp mẫu .xlsx
      </Button>
      {link && (
        <MessageBar intent="success">
          <MessageBarBody>
            Đã tạo tệp mẫu. Nếu tệp không tự tải về,{" "}
            <Link href={link.url} download={link.fileName}>
              bấm vào đây để tải “{link.fileName}”
            </Link>
            .
          </MessageBarBody>
        </MessageBar>
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
