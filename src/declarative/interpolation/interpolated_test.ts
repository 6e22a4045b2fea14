import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { SpoutError } from "../../errors.ts";
import {
  interpolateBoolean,
  interpolateMapping,
  interpolateNested,
  interpolateString,
} from "./interpolated.ts";

const vars = {
  config: { n: 5, s: "x", empty: "" },
  parameters: { p: "q" },
  stream_slice: { start: "2024-01-01" },
};

Deno.test("interpolateString: default is the string itself", () => {
  strictEqual(interpolateString("{{ config.empty }}", vars), "");
  strictEqual(interpolateString("{{ config.missing }}", vars, { default: "{{ config.n }}" }), 5);
  throws(() => interpolateString("{{ config.missing.x }}", vars), (e: unknown) => e instanceof SpoutError);
  strictEqual(
    interpolateString("{{ stream_partition.start }}/{{ stream_interval.start }}", vars),
    "2024-01-01/2024-01-01",
  );
});

Deno.test("interpolateBoolean: Airbyte's false values", () => {
  for (
    const s of [
      "{{ False }}",
      "{{ 'false' }}",
      "{{ [] }}",
      "{{ {} }}",
      "{{ 0 }}",
      "{{ '0.0' }}",
      "{{ None }}",
      "{{ config.missing }}",
      "",
    ]
  ) {
    strictEqual(interpolateBoolean(s, vars), false, s);
  }
  for (const s of ["{{ True }}", "{{ 'no' }}", "{{ config.n }}", "{{ [0] }}", "x", true]) {
    strictEqual(interpolateBoolean(s, vars), true, String(s));
  }
});

Deno.test("interpolateMapping and interpolateNested", () => {
  deepStrictEqual(
    interpolateMapping({ "{{ parameters.p }}": "{{ config.n }}", "{{ 5 }}": "{{ config.missing }}" }, vars),
    {
      q: 5,
      "5": null,
    },
  );
  deepStrictEqual(
    interpolateMapping({ a: "{{ config.n }}" }, vars, { validValueTypes: ["str"] }),
    { a: "5" },
  );
  deepStrictEqual(
    interpolateNested({ a: { b: "{{ config.missing }}", c: ["{{ config.s }}", null] } }, vars),
    {
      a: { c: ["x", null] },
    },
  );
});
