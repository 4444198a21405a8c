/**
 * Turns anything thrown by Office.js, the Excel port or the core into one Vietnamese sentence for a MessageBar.
 * Messages that are already Vietnamese (the port's and the core's) are kept as they are.
 */

const OFFICE_CODES: Record<string, string> = {
  AccessDenied:
    "Excel không cho phép sửa: trang tính hoặc sổ làm việc đang được bảo vệ. Hãy bỏ bảo vệ (Xem lại › Bỏ bảo vệ trang tính) rồi thử lại.",
  ItemNotFound:
    "Không tìm thấy trang hoặc ô cần dùng: có thể trang biểu mẫu đã bị xóa hoặc đổi tên. Hãy chèn lại biểu mẫu rồi thử lại.",
  InvalidOperationInCellEditMode:
    "Excel đang ở chế độ sửa ô: nhấn Enter hoặc Esc để rời ô đang sửa rồi thử lại.",
  RequestPayloadSizeLimitExceeded:
    "Dữ liệu quá lớn để gửi sang Excel trong một lần: hãy bớt số tệp hoặc số trang rồi thử lại.",
  ItemAlreadyExists: "Trong sổ làm việc đã có một trang trùng tên.",
  InvalidArgument: "Excel từ chối dữ liệu được gửi sang (đối số không hợp lệ).",
  GeneralException: "Excel báo lỗi chung khi thực hiện thao tác.",
  ApiNotFound: "Phiên bản Excel này chưa hỗ trợ thao tác cần dùng.",
  Unauthenticated: "Phiên làm việc với Excel đã hết hạn: hãy đóng và mở lại ngăn.",
  ServiceNotAvailable: "Excel tạm thời không phản hồi: hãy thử lại sau ít phút.",
};

/** Vietnamese letters outside ASCII: a message holding some is already written for the user. */
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

function codeOf(e: unknown): string | undefined {
  if (e && typeof e === "object" && "code" in e) {
    const code = (e as { code: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

/** One message for the user; `action` says what was being done, e.g. `chèn biểu mẫu`. */
export function describeError(e: unknown, action: string): string {
  const message = e instanceof Error ? e.message : typeof e === "string" ? e : "";
  if (message && VIETNAMESE.test(message)) return message;
  const code = codeOf(e);
  if (code && OFFICE_CODES[code]) return `Không ${action} được. ${OFFICE_CODES[code]}`;
  const detail = message ? ` (chi tiết: ${message})` : "";
  return `Không ${action} được do lỗi không mong đợi${detail}. Hãy thử lại; nếu vẫn lỗi, hãy đóng và mở lại ngăn.`;
}
