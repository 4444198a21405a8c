/**
 * A write planned in plain code: what to queue on a worksheet and roughly how many bytes it adds to the
 * request. Writers cut a sheet's ops into batches under a byte budget, one sync each, so no request comes
 * near Excel on the web's 5 MB limit (docs/excel-layer.md, "Request size").
 */
export interface Op {
  /** Estimated request bytes (tests/excel/request-size.test.ts measures the real ones). */
  cost: number;
  queue: (ws: Excel.Worksheet, ctx: Excel.RequestContext) => void;
}

/** Estimated bytes, from the JSON that Microsoft's web runtime sends. */
export const ops = {
  /** A range (object path + instantiate action) with its format child objects. */
  range: 600,
  /** One property set or method call. */
  set: 130,
};

/** Request budget per batch: half of what the estimate allows, so the real body stays far under 4 MB. */
export const BATCH_BUDGET = 1_500_000;

/** Cuts ops, in order, into batches whose estimated size stays under `budget` (an op too big goes alone). */
export function batches(list: Op[], budget = BATCH_BUDGET): Op[][] {
  const out: Op[][] = [];
  let current: Op[] = [];
  let size = 0;
  for (const op of list) {
    if (current.length > 0 && size + op.cost > budget) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(op);
    size += op.cost;
  }
  if (current.length > 0) out.push(current);
  return out;
}
