import { deepStrictEqual, ok, strictEqual, throws } from "node:assert/strict";
import { SpoutError } from "../errors.ts";
import { assertValidConfig, configProblems, userConfig } from "./config.ts";

const schema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  required: ["api_key"],
  additionalProperties: false,
  properties: {
    api_key: { type: "string", airbyte_secret: true },
    start_date: { type: "string", format: "date-time", pattern: "^[0-9]{4}-" },
    page_size: { type: "integer", minimum: 1 },
    format: { type: "string", enum: ["json", "csv"] },
    nested: { type: "object", properties: { "a/b": { type: "integer" } } },
  },
};

Deno.test("valid configs pass; format is not asserted but pattern is", () => {
  deepStrictEqual(configProblems({ api_key: "k", start_date: "2024-01-01", format: "csv" }, schema), []);
  deepStrictEqual(configProblems({ api_key: "k", start_date: "Jan 2024" }, schema).length, 1);
});

Deno.test("problems name the config path of each leaf error", () => {
  const problems = configProblems({ page_size: 0, format: "xml", nested: { "a/b": "x" }, extra: 1 }, schema);
  ok(problems.some((p) => p.startsWith("config: ") && p.includes("api_key")), problems.join(" | "));
  ok(problems.some((p) => p.startsWith("config.page_size:")), problems.join(" | "));
  ok(problems.some((p) => p.startsWith("config.format:")), problems.join(" | "));
  ok(problems.some((p) => p.startsWith("config.nested.a/b:")), problems.join(" | "));
  ok(problems.some((p) => p.includes("extra")), problems.join(" | "));
});

Deno.test("internal keys are ignored and an empty spec accepts anything", () => {
  deepStrictEqual(userConfig({ a: 1, __injected_declarative_manifest: {}, _limit: 1, _page_size: 2 }), {
    a: 1,
  });
  deepStrictEqual(
    configProblems({ api_key: "k", __injected_declarative_manifest: {}, _limit: 3 }, schema),
    [],
  );
  deepStrictEqual(configProblems({ anything: 1 }, {}), []);
});

Deno.test("an uninterpretable schema is logged and skipped instead of blocking the run", () => {
  const logs: string[] = [];
  const broken = { type: "object", properties: { a: { type: "string", pattern: "(?P<name>x)" } } };
  deepStrictEqual(configProblems({ a: "x" }, broken, (_level, message) => logs.push(message)), []);
  strictEqual(logs.length, 1);
});

Deno.test("assertValidConfig throws config_invalid with a readable message", () => {
  throws(() => assertValidConfig({}, schema), (error: unknown) => {
    ok(error instanceof SpoutError);
    strictEqual(error.code, "config_invalid");
    strictEqual(error.failureType, "config_error");
    ok(error.message.startsWith("Config validation error: "), error.message);
    return true;
  });
});
