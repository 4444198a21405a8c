/** Why the pane cannot talk to Excel, or undefined once Office.js is ready inside Excel. */
export type StartupProblem = "no-office-js" | "not-excel";

/** Waits for Office.js; resolves with a problem when it is missing or the host is not Excel. */
export async function waitForExcel(): Promise<StartupProblem | undefined> {
  if (typeof Office === "undefined") return "no-office-js";
  const info = await Office.onReady();
  return info.host === Office.HostType.Excel ? undefined : "not-excel";
}
