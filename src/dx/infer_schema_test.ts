import { deepStrictEqual } from "node:assert/strict";
import { inferSchema } from "./infer_schema.ts";

Deno.test("inferSchema: unions with null, missing fields nullable, nested objects and arrays, formats", () => {
  const schema = inferSchema([
    {
      id: 1,
      at: "2024-01-01T00:00:00Z",
      day: "2024-01-01",
      site: "https://a.test/x",
      mail: "a@b.co",
      n: 1,
      tags: ["a"],
      meta: { k: 1 },
      mixed: 1,
    },
    {
      id: 2,
      at: "2024-01-02T10:00:00.123+02:00",
      day: "2024-02-03",
      site: "http://b.test",
      mail: "c@d.io",
      n: 2.5,
      tags: [],
      meta: { k: null, j: true },
      mixed: "x",
    },
    {
      id: 3,
      at: null,
      day: "tomorrow",
      site: "https://c.test",
      mail: null,
      n: null,
      tags: [{ v: 1 }],
      meta: {},
      extra: [],
    },
  ]);
  deepStrictEqual(schema, {
    $schema: "http://json-schema.org/draft-07/schema#",
    type: "object",
    additionalProperties: true,
    properties: {
      id: { type: "integer" },
      at: { type: ["null", "string"], format: "date-time" },
      day: { type: "string" },
      site: { type: "string", format: "uri" },
      mail: { type: ["null", "string"], format: "email" },
      n: { type: ["null", "number"] },
      tags: { type: "array", items: { type: ["string", "object"], properties: { v: { type: "integer" } } } },
      meta: {
        type: "object",
        properties: { k: { type: ["null", "integer"] }, j: { type: ["null", "boolean"] } },
      },
      mixed: { type: ["null", "integer", "string"] },
      extra: { type: ["null", "array"], items: {} },
    },
  });
});
