import { createRoot } from "react-dom/client";
import { createExcelPort } from "../excel/port";
import { waitForExcel, type StartupProblem } from "../excel/startup";
import { App } from "./App";
import { describeError } from "./errors";

/** Shown without React when the pane cannot start at all (e.g. opened outside Excel). */
function showStartupError(message: string): void {
  const root = document.getElementById("root") ?? document.body;
  const box = document.createElement("div");
  box.setAttribute("role", "alert");
  box.style.cssText =
    "margin:12px;padding:12px;border:1px solid #c50f1f;color:#8a1020;font-family:Segoe UI, sans-serif";
  box.textContent = message;
  root.replaceChildren(box);
}

const PROBLEMS: Record<StartupProblem, string> = {
  "not-excel":
    "Ngăn Biểu mẫu CCHC chỉ chạy trong Excel: hãy mở ngăn từ nút Biểu mẫu CCHC trên thanh công cụ của Excel.",
  "no-office-js":
    "Không tải được thư viện Office.js nên ngăn không kết nối được với Excel: hãy kiểm tra kết nối mạng rồi mở lại ngăn.",
};

function start(problem: StartupProblem | undefined): void {
  if (problem) {
    showStartupError(PROBLEMS[problem]);
    return;
  }
  try {
    const port = createExcelPort();
    let container = document.getElementById("root");
    if (!container) {
      container = document.createElement("div");
      container.id = "root";
      document.body.appendChild(container);
    }
    createRoot(container).render(<App port={port} />);
  } catch (e) {
    showStartupError(describeError(e, "khởi động ngăn Biểu mẫu CCHC"));
  }
}

document.documentElement.lang = "vi";
waitForExcel()
  .then(start)
  .catch((e: unknown) => showStartupError(describeError(e, "kết nối với Excel")));
