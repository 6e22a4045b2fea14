import { deepStrictEqual, rejects, throws } from "node:assert/strict";
import { defineComponents } from "../components.ts";
import { api, manifest, read, records, simpleStream } from "./_test_api.ts";
import type { FactoryContext } from "./context.ts";
import { migrateConfig, normalizeConfig } from "./config_migrations.ts";
import { validateConfig } from "./config_validations.ts";

const ctx: FactoryContext = { config: {}, components: {}, streamCache: new Map() };
const schema = { type: "object", properties: { n: { type: "integer", minimum: 1 } }, required: ["n"] };
const adheres = { type: "ValidateAdheresToSchema", base_schema: schema };
const dpath = (
  field_path: string[],
) => [{ type: "DpathValidator", field_path, validation_strategy: adheres }];

// Outcomes observed running the reference (airbyte-cdk 7) on the same validations and configs.
const CASES: [string, unknown[], Record<string, unknown>, boolean][] = [
  ["value adheres", dpath(["opts"]), { opts: { n: 2 } }, true],
  ["value violates the schema", dpath(["opts"]), { opts: { n: 0 } }, false],
  ["a JSON string is parsed first", dpath(["opts"]), { opts: '{"n": 0}' }, false],
  ["a JSON string that adheres", dpath(["opts"]), { opts: '{"n": 3}' }, true],
  ["a string that is not JSON fails", dpath(["opts"]), { opts: "nope" }, false],
  ["a missing path skips the validation", dpath(["opts"]), {}, true],
  ["`*` validates every match", dpath(["list", "*"]), { list: [{ n: 1 }, { n: -1 }] }, false],
  ["`*` with every match valid", dpath(["list", "*"]), { list: [{ n: 1 }, { n: 5 }] }, true],
  ["null is validated (and is not an object)", dpath(["opts"]), { opts: null }, false],
  [
    "a plain string is not JSON, so it fails even a matching enum",
    [{
      type: "DpathValidator",
      field_path: ["region"],
      validation_strategy: { type: "ValidateAdheresToSchema", base_schema: { enum: ["eu"] } },
    }],
    { region: "eu" },
    false,
  ],
];

for (const [name, validations, config, ok] of CASES) {
  Deno.test(`DpathValidator + ValidateAdheresToSchema like the reference: ${name}`, () => {
    const run = () => validateConfig(ctx, config as never, validations, ["validations"]);
    if (ok) run();
    else {throws(run, (e: Error & { code?: string }) =>
        e.code === "config_error" && /validation failed/.test(e.message));}
  });
}

Deno.test("a failing validation stops the read before any request, without echoing the value", async () => {
  const { ctx: readCtx, requests } = api(() => [{ id: 1 }]);
  const m = manifest([simpleStream("items", "/items")], {
    spec: {
      type: "Spec",
      connection_specification: { type: "object", properties: {} },
      config_normalization_rules: { type: "ConfigNormalizationRules", validations: dpath(["opts"]) },
    },
  });
  await rejects(
    read(m, { opts: "secret-not-json" }, readCtx, "items"),
    (e: Error) => !e.message.includes("secret"),
  );
  deepStrictEqual(requests.length, 0);
  deepStrictEqual(records(await read(m, { opts: { n: 1 } }, readCtx, "items")), [{ id: 1 }]);
});

Deno.test("PredicateValidator validates its interpolated value; base_schema may be a JSON string", () => {
  const validations = [{
    type: "PredicateValidator",
    value: "{{ config['page_size'] }}",
    validation_strategy: {
      type: "ValidateAdheresToSchema",
      base_schema: '{"type": "integer", "maximum": 100}',
    },
  }];
  validateConfig(ctx, { page_size: 50 }, validations, ["validations"]);
  throws(() => validateConfig(ctx, { page_size: 500 }, validations, ["validations"]), /validation failed/);
});

Deno.test("a custom strategy runs on the value at the path and is skipped when the path is absent", () => {
  const seen: unknown[] = [];
  const components = defineComponents({
    "x.Seen": { kind: "validation_strategy", create: () => (v) => void seen.push(v) },
  });
  const validations = [{
    type: "DpathValidator",
    field_path: ["api_url"],
    validation_strategy: { type: "CustomValidationStrategy", class_name: "x.Seen" },
  }];
  validateConfig({ ...ctx, components }, { api_url: "gitlab.com" }, validations, ["v"]);
  validateConfig({ ...ctx, components }, {}, validations, ["v"]);
  deepStrictEqual(seen, ["gitlab.com"]);
});

Deno.test("migrateConfig applies only config_migrations; normalizeConfig adds transformations and validations", () => {
  const m = {
    spec: {
      config_normalization_rules: {
        config_migrations: [{
          type: "ConfigMigration",
          transformations: [{ type: "ConfigRemapField", field_path: ["region"], map: { europe: "eu" } }],
        }],
        transformations: [{
          type: "ConfigAddFields",
          fields: [{ path: ["host"], value: "{{ config.region }}.api" }],
        }],
        validations: [{
          type: "DpathValidator",
          field_path: ["limits"],
          validation_strategy: { type: "ValidateAdheresToSchema", base_schema: schema },
        }],
      },
    },
  };
  deepStrictEqual(migrateConfig(m, { region: "europe" }, ctx), { region: "eu" });
  deepStrictEqual(normalizeConfig(m, { region: "europe" }, ctx), { region: "eu", host: "eu.api" });
  throws(() => normalizeConfig(m, { region: "eu", limits: { n: 0 } }, ctx), /validation failed/);
});
