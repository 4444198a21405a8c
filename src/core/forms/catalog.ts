import { formSetSchema, schemaError, type FormDef, type FormSet, type RowDef } from "./schema";
import departmentJson from "./sets/so-nganh-2024.json";
import provinceJson from "./sets/tinh-2024.json";
import localJson from "./sets/dia-phuong-2024.json";

/** A validated form set with fast row look-ups. */
export class Catalog {
  private readonly rowIndex = new Map<string, RowDef>();

  constructor(readonly set: FormSet) {
    for (const form of set.forms) {
      for (const row of form.rows) this.rowIndex.set(`${form.number}:${row.code}`, row);
    }
  }

  get id(): string {
    return this.set.id;
  }

  form(n: number): FormDef {
    const form = this.set.forms[n - 1];
    if (!form) throw new Error(`Bộ biểu mẫu ${this.set.id} không có Biểu mẫu ${n}`);
    return form;
  }

  row(form: number, code: string): RowDef | undefined {
    return this.rowIndex.get(`${form}:${code}`);
  }

  /** Every value-bearing row (not headers), in form order. */
  *valueRows(): Generator<{ form: number; row: RowDef }> {
    for (const form of this.set.forms) {
      for (const row of form.rows) if (row.kind !== "header") yield { form: form.number, row };
    }
  }
}

/** Parses a form set, turning zod issues into one readable Vietnamese error. */
export function loadFormSet(data: unknown, origin = "bộ biểu mẫu"): Catalog {
  const parsed = formSetSchema.safeParse(data);
  if (!parsed.success) {
    throw schemaError(origin, parsed.error);
  }
  return new Catalog(parsed.data);
}

/**
 * Form sets from their JSON data, keyed by id: a new set is one more JSON document, no code. Refuses two
 * sets with the same id, naming both origins.
 */
export function formSetRegistry(
  sources: { data: unknown; origin: string }[]
): Map<string, Catalog> {
  const out = new Map<string, Catalog>();
  const origins = new Map<string, string>();
  for (const { data, origin } of sources) {
    const cat = loadFormSet(data, origin);
    const earlier = origins.get(cat.id);
    if (earlier) throw new Error(`Bộ biểu mẫu “${cat.id}” có hai lần: ${earlier} và ${origin}`);
    out.set(cat.id, cat);
    origins.set(cat.id, origin);
  }
  return out;
}

// The sets shipped with the product: each is one JSON file in ./sets, listed here once.
const BUILT_IN_SOURCES = [
  { data: departmentJson as unknown, origin: "Bộ biểu mẫu có sẵn so-nganh-2024.json" },
  { data: provinceJson as unknown, origin: "Bộ biểu mẫu có sẵn tinh-2024.json" },
  { data: localJson as unknown, origin: "Bộ biểu mẫu có sẵn dia-phuong-2024.json" },
];
let builtIn: Map<string, Catalog> | undefined;

/** The form sets shipped with the product, keyed by id. */
export function builtInFormSets(): Map<string, Catalog> {
  builtIn ??= formSetRegistry(BUILT_IN_SOURCES);
  return builtIn;
}

export function getFormSet(id: string): Catalog {
  const cat = builtInFormSets().get(id);
  if (!cat) {
    const known = [...builtInFormSets().keys()].join(", ");
    throw new Error(`Không có bộ biểu mẫu "${id}". Các bộ có sẵn: ${known}`);
  }
  return cat;
}
