import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { literalEval } from "./literal_eval.ts";

Deno.test("literalEval: Python literals", () => {
  deepStrictEqual(literalEval("{'a': (1, 2), \"b\": [None, True, -1.5e3]}"), {
    type: "dict",
    value: { a: [1, 2], b: [null, true, -1500] },
  });
  deepStrictEqual(literalEval("'a' \"b\""), { type: "str", value: "ab" });
  deepStrictEqual(literalEval("r'\\d'"), { type: "str", value: "\\d" });
  deepStrictEqual(literalEval("0x1F"), { type: "int", value: 31 });
  deepStrictEqual(literalEval("1_000"), { type: "int", value: 1000 });
  deepStrictEqual(literalEval("12345678901234567890"), { type: "int", value: "12345678901234567890" });
  deepStrictEqual(literalEval("  5  # comment\n"), { type: "int", value: 5 });
  deepStrictEqual(literalEval("1, 2"), { type: "tuple", value: [1, 2] });
  deepStrictEqual(literalEval("set()"), { type: "set", value: [] });
  strictEqual(literalEval("1j")?.type, "complex");
});

Deno.test("literalEval: non-literals are rejected", () => {
  for (
    const s of [
      "2024-01-01",
      "abc",
      "1 + 2",
      "--5",
      "007",
      "[1, 2",
      "x = 1",
      "f'x'",
      "{[1]: 2}",
      "a.b",
      "1 2",
      "\n  5",
    ]
  ) {
    strictEqual(literalEval(s), undefined, s);
  }
});
