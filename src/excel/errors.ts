/** Port codes beside Office.js ones. */
export type PortCode = "SheetExists" | "Unsupported" | "BadAddress";

/** Every failure the port reports: a Vietnamese message for the user and a code for the program. */
export class ExcelPortError extends Error {
  readonly code: string;
  override readonly cause: unknown;

  constructor(message: string, code: string, cause?: unknown) {
    super(message);
    this.name = "ExcelPortError";
    this.code = code;
    this.cause = cause;
  }
}

const REASONS: Record<string, string> = {
  AccessDenied:
    "Trang tính đang được bảo vệ (hoặc sổ làm việc bị khóa cấu trúc, hay chỉ được mở để đọc). Hãy bỏ bảo vệ (Xem lại › Bỏ bảo vệ trang tính) rồi thử lại.",
  ItemNotFound:
    "Không tìm thấy trang tính hoặc ô cần dùng: có thể trang đã bị xóa hoặc đổi tên. Hãy kiểm tra lại sổ làm việc rồi thử lại.",
  ItemAlreadyExists: "Trong sổ làm việc đã có một trang hoặc một tên trùng với tên cần tạo.",
  InvalidOperationInCellEditMode:
    "Excel đang ở chế độ sửa ô: nhấn Enter hoặc Esc để rời ô đang sửa rồi thử lại.",
  RequestPayloadSizeLimitExceeded:
    "Dữ liệu quá lớn để gửi sang Excel trong một lần (Excel trên web giới hạn 5 MB). Đây là lỗi của phần bổ trợ, không phải của bạn: hãy dùng Excel trên máy tính hoặc lệnh cchc, và báo cho người quản trị phần bổ trợ.",
  ResponsePayloadSizeLimitExceeded:
    "Trang tính quá lớn để đọc trong một lần (Excel trên web giới hạn 5 MB): hãy xóa bớt các vùng dữ liệu không dùng.",
  ApiNotFound: "Phiên bản Excel này chưa hỗ trợ thao tác cần dùng; hãy cập nhật Excel.",
  InvalidArgument: "Excel từ chối dữ liệu được gửi sang (đối số không hợp lệ).",
  InvalidReference: "Địa chỉ ô hoặc tên vùng không hợp lệ.",
  MergedRangeConflict: "Vùng cần ghi chồng lên ô đã gộp (Merge) do người dùng tạo.",
  Conflict: "Sổ làm việc vừa được người khác sửa cùng lúc; hãy thử lại.",
  RequestAborted: "Excel đã hủy yêu cầu (có thể do đang bận); hãy thử lại.",
  ServiceNotAvailable: "Excel tạm thời không phản hồi; hãy thử lại sau ít phút.",
  GeneralException: "Excel báo lỗi chung khi thực hiện thao tác; hãy thử lại.",
};

/** Office.js puts the protection case under several codes; its English message says it. */
const PROTECTED = /protect|locked|read-only|readonly/i;

function codeOf(e: unknown): string | undefined {
  if (e && typeof e === "object" && "code" in e) {
    const code = (e as { code: unknown }).code;
    if (typeof code === "string" && code) return code;
  }
  return undefined;
}

/** Turns anything Excel throws into an ExcelPortError; `action` says what failed, e.g. `chèn biểu mẫu`. */
export function toPortError(e: unknown, action: string): ExcelPortError {
  if (e instanceof ExcelPortError) return e;
  const raw = e instanceof Error ? e.message : typeof e === "string" ? e : "";
  let code = codeOf(e) ?? "Unknown";
  if (code !== "AccessDenied" && PROTECTED.test(raw) && /Invalid|General|NotAllowed/.test(code)) {
    code = "AccessDenied";
  }
  const reason =
    REASONS[code] ??
    `Excel báo lỗi${raw ? `: “${raw}”` : ""}. Hãy thử lại; nếu vẫn lỗi, hãy đóng và mở lại ngăn.`;
  return new ExcelPortError(`Không ${action} được. ${reason}`, code, e);
}

export function isCode(e: unknown, code: string): boolean {
  return codeOf(e) === code;
}
