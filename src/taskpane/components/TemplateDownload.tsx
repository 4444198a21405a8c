import { buildTemplateFile } from "../template";
import { catalogOf, periodOf, type Selection } from "../selection";
import { DownloadButton } from "./DownloadButton";

/** "Tải tệp mẫu .xlsx": the template with Data Validation in the file, built in the browser. */
export function TemplateDownload({ selection }: { selection: Selection }) {
  return (
    <DownloadButton
      label="Tải tệp mẫu .xlsx"
      action="tạo tệp mẫu"
      done="Đã tạo tệp mẫu."
      source={selection}
      build={() => {
        if (!selection.unit.trim()) {
          return Promise.reject(new Error("Hãy nhập tên đơn vị báo cáo trước khi tải tệp mẫu."));
        }
        return buildTemplateFile(catalogOf(selection), selection.unit.trim(), periodOf(selection));
      }}
    />
  );
}
