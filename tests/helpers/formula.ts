/**
 * A small evaluator for the Excel formula shapes the templates' conditional formats use: numbers,
 * `$D$12` refs, + - * /, comparisons, and AND, OR, IF, COUNT, ABS, MAX, ROUND. Blank cells are
 * undefined: COUNT skips them and arithmetic reads them as 0, as Excel does.
 */
type Value = number | boolean;

export function evaluateFormula(formula: string, cells: Record<string, number | undefined>): Value {
  const tokens =
    formula.match(
      /\$?[A-Z]+\$?\d+|\d+(?:\.\d+)?(?:E[+-]?\d+)?|<=|>=|<>|[A-Z]+(?=\()|[-+*/(),<>=]/g
    ) ?? [];
  if (tokens.join("") !== formula.replace(/\s/g, ""))
    throw new Error(`Không hiểu công thức: ${formula}`);
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const expect = (t: string) => {
    if (next() !== t) throw new Error(`Thiếu ${t} ở ${i} trong ${formula}`);
  };
  const num = (v: Value) => (typeof v === "boolean" ? (v ? 1 : 0) : v);
  const ref = (t: string) => cells[t.replace(/\$/g, "")];

  function comparison(): Value {
    const a = additive();
    const op = peek();
    if (op && ["<", ">", "<=", ">=", "=", "<>"].includes(op)) {
      next();
      const x = num(a);
      const y = num(additive());
      return { "<": x < y, ">": x > y, "<=": x <= y, ">=": x >= y, "=": x === y, "<>": x !== y }[
        op
      ] as boolean;
    }
    return a;
  }
  function additive(): Value {
    let v = multiplicative();
    while (peek() === "+" || peek() === "-") {
      const op = next();
      const w = num(multiplicative());
      v = op === "+" ? num(v) + w : num(v) - w;
    }
    return v;
  }
  function multiplicative(): Value {
    let v = unary();
    while (peek() === "*" || peek() === "/") {
      const op = next();
      const w = num(unary());
      if (op === "/" && w === 0) throw new Error("#DIV/0!");
      v = op === "*" ? num(v) * w : num(v) / w;
    }
    return v;
  }
  function unary(): Value {
    if (peek() === "-") {
      next();
      return -num(unary());
    }
    return primary();
  }
  function primary(): Value {
    const t = next();
    if (t === "(") {
      const v = comparison();
      expect(")");
      return v;
    }
    if (/^\d/.test(t)) return Number(t);
    if (/^\$?[A-Z]+\$?\d+$/.test(t)) return ref(t) ?? 0;
    if (/^[A-Z]+$/.test(t)) {
      expect("(");
      if (t === "COUNT") {
        let n = 0;
        for (;;) {
          const a = next();
          if (ref(a) !== undefined) n++;
          if (next() === ")") break;
        }
        return n;
      }
      if (t === "IF") {
        const c = comparison();
        expect(",");
        const a = comparison();
        expect(",");
        const b = comparison();
        expect(")");
        return num(c) ? a : b;
      }
      const vals: Value[] = [];
      if (peek() !== ")") {
        for (;;) {
          vals.push(comparison());
          if (next() === ")") break;
        }
      } else next();
      const ns = vals.map(num);
      switch (t) {
        case "AND":
          return ns.every((x) => x !== 0);
        case "OR":
          return ns.some((x) => x !== 0);
        case "ABS":
          return Math.abs(ns[0]);
        case "MAX":
          return Math.max(...ns);
        case "ROUND": {
          const f = 10 ** ns[1];
          return (Math.sign(ns[0]) * Math.round(Math.abs(ns[0]) * f)) / f;
        }
      }
      throw new Error(`Hàm không hỗ trợ: ${t}`);
    }
    throw new Error(`Không hiểu ${t} trong ${formula}`);
  }
  const v = comparison();
  if (i !== tokens.length) throw new Error(`Thừa ${tokens.slice(i).join("")} trong ${formula}`);
  return v;
}
