import { toPortError } from "./errors";

/** Values kept in the workbook (workbook settings, ExcelApi 1.4), e.g. the expected-unit list. 1 sync each. */

export async function loadSetting(key: string): Promise<string | undefined> {
  try {
    return await Excel.run(async (context) => {
      const setting = context.workbook.settings.getItemOrNullObject(key);
      setting.load("value");
      await context.sync();
      if (setting.isNullObject) return undefined;
      const v: unknown = setting.value;
      return v === null || v === undefined ? undefined : String(v);
    });
  } catch (e) {
    throw toPortError(e, "đọc thiết lập của sổ làm việc");
  }
}

export async function saveSetting(key: string, value: string): Promise<void> {
  try {
    await Excel.run(async (ctx) => {
      ctx.workbook.settings.add(key, value);
      await ctx.sync();
    });
  } catch (e) {
    throw toPortError(e, "lưu thiết lập vào sổ làm việc");
  }
}
