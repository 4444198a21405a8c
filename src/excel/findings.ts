// The findings sheet is plain data, shared with the checking page: see core/workbook/findingsSheet.ts.
export { FINDINGS_SHEET, findingsLayout, MARK_FILLS } from "../core/workbook/findingsSheet";
