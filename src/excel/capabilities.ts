import type { Capabilities } from "./contract";

/** `isSetSupported` as Office.js offers it; injectable for tests. */
export type SetCheck = (name: string, minVersion: string) => boolean;

/** Exact ExcelApi levels the port branches on (finer than the public Capabilities). */
export interface ApiLevels {
  v14: boolean;
  v16: boolean;
  v17: boolean;
  v18: boolean;
  v19: boolean;
  /** Excel's own decimal and thousands separators (Application.decimalSeparator). */
  v111: boolean;
  v113: boolean;
  /** Events say whether this add-in caused them (triggerSource). */
  v114: boolean;
}

/**
 * Where each ExcelApi level is available (Microsoft's requirement-set table): Excel 2019 bought with a
 * volume licence stops at ExcelApi 1.7; 1.8 needs retail Excel 2019 updated through Microsoft's channel, or
 * Excel 2021; 1.9–1.14 need Excel 2021.
 */
const ALL_CURRENT = "Microsoft 365, Excel trên web, Excel cho Mac";
export const EXCEL_VERSIONS: Record<string, string> = {
  "1.4": `Excel 2019 trở lên (cả bản cấp phép số lượng lớn), ${ALL_CURRENT}`,
  "1.6": `Excel 2019 trở lên (cả bản cấp phép số lượng lớn), ${ALL_CURRENT}`,
  "1.7": `Excel 2019 trở lên (cả bản cấp phép số lượng lớn), ${ALL_CURRENT}`,
  "1.8": `Excel 2021 trở lên, ${ALL_CURRENT}; Excel 2019 cấp phép số lượng lớn chỉ đến ExcelApi 1.7`,
  "1.9": `Excel 2021 trở lên, ${ALL_CURRENT}`,
  "1.11": `Excel 2021 trở lên, ${ALL_CURRENT}`,
  "1.13": `Excel 2021 trở lên, ${ALL_CURRENT}`,
  "1.14": `Excel 2021 trở lên, ${ALL_CURRENT}`,
};

export function officeSetCheck(): SetCheck {
  return (name, version) => {
    try {
      return Boolean(Office.context.requirements.isSetSupported(name, version));
    } catch {
      return false;
    }
  };
}

export function detectLevels(check: SetCheck): ApiLevels {
  const has = (v: string) => check("ExcelApi", v);
  return {
    v14: has("1.4"),
    v16: has("1.6"),
    v17: has("1.7"),
    v18: has("1.8"),
    v19: has("1.9"),
    v111: has("1.11"),
    v113: has("1.13"),
    v114: has("1.14"),
  };
}

export function capabilitiesOf(levels: ApiLevels): Capabilities {
  return {
    events: levels.v17,
    dataValidation: levels.v18,
    conditionalFormats: levels.v16,
    namedItems: levels.v14,
    sheetImport: levels.v113,
    api19: levels.v19,
    hyperlinks: levels.v17,
  };
}

const need = (set: string) => `cần ExcelApi ${set}: ${EXCEL_VERSIONS[set]}`;

/** One Vietnamese sentence per feature this Excel lacks: what is missing, why, what still works. */
export const FEATURE_MESSAGES: { key: keyof Capabilities; set: string; text: string }[] = [
  {
    key: "events",
    set: "1.7",
    text: `Excel này không hỗ trợ kiểm tra tự động khi nhập (${need("1.7")}). Hãy bấm “Kiểm tra lại” sau khi nhập số liệu.`,
  },
  {
    key: "dataValidation",
    set: "1.8",
    text: `Excel này không tạo được ràng buộc nhập liệu trong ô (Data Validation) khi chèn biểu mẫu (${need("1.8")}). Biểu mẫu vẫn được chèn và kiểm tra bằng ngăn; tệp mẫu .xlsx tải về có sẵn ràng buộc.`,
  },
  {
    key: "conditionalFormats",
    set: "1.6",
    text: `Excel này không tạo được định dạng có điều kiện (tô đỏ ô sai tổng) khi chèn biểu mẫu (${need("1.6")}).`,
  },
  {
    key: "namedItems",
    set: "1.4",
    text: `Excel này không đặt được tên ô (defined names) cho từng chỉ tiêu (${need("1.4")}); ngăn vẫn nhận ra biểu mẫu theo mã dòng.`,
  },
  {
    key: "hyperlinks",
    set: "1.7",
    text: `Trang “Kết quả kiểm tra” ghi địa chỉ ô dạng chữ, không bấm để đi tới ô được, và dòng tiêu đề bảng không được cố định (${need("1.7")}).`,
  },
  {
    key: "api19",
    set: "1.9",
    text: `Thiết lập in (khổ A4, thu nhỏ vừa trang, lặp dòng tiêu đề) không được ghi vào biểu mẫu chèn bằng ngăn (${need("1.9")}); tệp mẫu .xlsx tải về có sẵn thiết lập này.`,
  },
];

/** Vietnamese list of unavailable features, in a stable order. */
export function unavailableFeatures(caps: Capabilities): string[] {
  return FEATURE_MESSAGES.filter((f) => !caps[f.key]).map((f) => f.text);
}

/** The message for one missing feature (used when an insert skips it). */
export function featureMessage(key: keyof Capabilities): string {
  return FEATURE_MESSAGES.find((f) => f.key === key)?.text ?? "";
}
