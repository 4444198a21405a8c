import { execFileSync } from "child_process";
import { existsSync } from "fs";

/** LibreOffice, the second real spreadsheet engine (recalculates and re-saves generated files). */
export const SOFFICE = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((p) => existsSync(p));

/** Debian's python3 with openpyxl (python3-openpyxl), which writes files as another library would. */
export const OPENPYXL = ((): boolean => {
  try {
    execFileSync("/usr/bin/python3", ["-c", "import openpyxl"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/**
 * `describe` where every tool is installed, and always in CI (.ci/run installs them, so a missing one fails
 * there); `describe.skip` on a developer's machine without them.
 */
export function describeWith(...tools: unknown[]): jest.Describe {
  return tools.every(Boolean) || process.env.CI ? describe : describe.skip;
}
