/** `12/03/2024 17:05` in Vietnam time (UTC+7, no daylight saving), whatever the machine's zone. */
export function formatVietnamTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3600 * 1000);
  if (isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}
