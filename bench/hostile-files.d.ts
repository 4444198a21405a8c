export interface HostileCase {
  bytes: Uint8Array;
  expect: "read" | "refused";
  reason?: RegExp;
}
export function hostileCorpus(base: Uint8Array): Record<string, HostileCase>;
export function writeZip(
  entries: { name: string; data?: Uint8Array; raw?: Uint8Array; size?: number; crc?: number }[]
): Uint8Array;
export function repeatedDeflate(
  prefix: Uint8Array,
  repeat: number,
  suffix: Uint8Array
): { raw: Uint8Array; size: number };
export function crc32(bytes: Uint8Array): number;
