import { deepStrictEqual, throws } from "node:assert/strict";
import type { JsonObject } from "../../types.ts";
import { normalizeConfig } from "./config_migrations.ts";

// Every expected config below was printed by the reference (airbyte-cdk 7.x: ModelToComponentFactory's Spec,
// then migrate_config + transform_config) for the same rules and input.
function normalize(transformations: unknown[], config: JsonObject): JsonObject {
  return normalizeConfig(
    { spec: { config_normalization_rules: { transformations } } },
    config,
    { config: {}, components: {}, streamCache: new Map() },
  );
}

const AMAZON_URL = "{{ 'https://sellingpartnerapi' if config['aws_environment'] == 'PRODUCTION' else " +
  "'https://sandbox.sellingpartnerapi' }}-eu.amazon.com";

Deno.test("ConfigRemapField: map values are interpolated with the config (amazon-seller-partner endpoint)", () => {
  const remap = [{ type: "ConfigRemapField", field_path: ["endpoint"], map: { DE: AMAZON_URL, US: "x" } }];
  deepStrictEqual(normalize(remap, { endpoint: "DE", aws_environment: "SANDBOX" }), {
    endpoint: "https://sandbox.sellingpartnerapi-eu.amazon.com",
    aws_environment: "SANDBOX",
  });
  deepStrictEqual(normalize(remap, { endpoint: "DE", aws_environment: "PRODUCTION" }), {
    endpoint: "https://sellingpartnerapi-eu.amazon.com",
    aws_environment: "PRODUCTION",
  });
});

Deno.test("ConfigRemapField: keys evaluate as strings, values literal-evaluate, only string values match", () => {
  const keys = { "{{ config.k }}": "{{ config.v }}", "'q'": "{'a': 1}", e: "{{ config.missing }}" };
  const at = (field: string) => [{ type: "ConfigRemapField", field_path: [field], map: keys }];
  deepStrictEqual(normalize(at("s"), { s: "key", k: "key", v: "42" }), { s: 42, k: "key", v: "42" });
  deepStrictEqual(normalize(at("s"), { s: "q" }), { s: { a: 1 } });
  deepStrictEqual(normalize(at("s"), { s: "e" }), { s: null });
  // an int or a bool never equals a string key in Python
  const numeric = { "1": "one", True: "t" };
  deepStrictEqual(
    normalize([{ type: "ConfigRemapField", field_path: ["n"], map: numeric }], { n: 1, b: true }),
    {
      n: 1,
      b: true,
    },
  );
  deepStrictEqual(
    normalize([{ type: "ConfigRemapField", field_path: ["b"], map: numeric }], { n: 1, b: true }),
    {
      n: 1,
      b: true,
    },
  );
  // field_path components are templates too
  deepStrictEqual(
    normalize([{ type: "ConfigRemapField", field_path: ["o", "{{ config.which }}"], map: { a: "b" } }], {
      which: "x",
      o: { x: "a" },
    }),
    { which: "x", o: { x: "b" } },
  );
});

Deno.test("ConfigAddFields: value_type keeps the literal's type; conditions follow InterpolatedBoolean", () => {
  deepStrictEqual(
    normalize([{
      type: "ConfigAddFields",
      fields: [
        { type: "AddedFieldDefinition", path: ["a"], value: "5", value_type: "string" },
        { type: "AddedFieldDefinition", path: ["b"], value: "5" },
        { type: "AddedFieldDefinition", path: ["c"], value: "{{ config.a ~ 'x' }}" },
      ],
    }], {}),
    { a: "5", b: 5, c: "5x" },
  );
  // the string "false" is one of the reference's FALSE_VALUES
  deepStrictEqual(
    normalize([{
      type: "ConfigAddFields",
      fields: [{ type: "AddedFieldDefinition", path: ["a"], value: "v" }],
      condition: "{{ config.flag }}",
    }], { flag: "false" }),
    { flag: "false" },
  );
  // `value` in the condition is the evaluated value (0 here)
  deepStrictEqual(
    normalize([{
      type: "ConfigAddFields",
      fields: [{ type: "AddedFieldDefinition", path: ["a"], value: "{{ config.flag }}" }],
      condition: "{{ value }}",
    }], { flag: "0" }),
    { flag: "0" },
  );
});

Deno.test("ConfigRemoveFields: the condition follows InterpolatedBoolean", () => {
  const remove = [{ type: "ConfigRemoveFields", field_pointers: [["x"]], condition: "{{ config.flag }}" }];
  deepStrictEqual(normalize(remove, { flag: "0", x: 1 }), { flag: "0", x: 1 });
  deepStrictEqual(normalize(remove, { flag: "false", x: 1 }), { flag: "false", x: 1 });
  deepStrictEqual(normalize(remove, { flag: "yes", x: 1 }), { flag: "yes" });
});

Deno.test("DpathValidator: field_path segments are literal-evaluated like the reference ('a' is a)", () => {
  const validations = [{
    type: "DpathValidator",
    field_path: ["'a'"],
    validation_strategy: { type: "ValidateAdheresToSchema", base_schema: { type: "integer" } },
  }];
  const run = (config: JsonObject) =>
    normalizeConfig({ spec: { config_normalization_rules: { validations } } }, config, {
      config: {},
      components: {},
      streamCache: new Map(),
    });
  // the reference: "Invalid JSON string: x" for {a: "x"}, valid for {a: 5}
  throws(() => run({ a: "x" }), /Invalid JSON string/);
  deepStrictEqual(run({ a: 5 }), { a: 5 });
});
