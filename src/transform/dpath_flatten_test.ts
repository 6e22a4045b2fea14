import { deepStrictEqual } from "node:assert/strict";
import { dpathFlattenFields, type DpathFlattenFieldsOptions } from "./dpath_flatten.ts";
import type { RecordData } from "../types.ts";

function run(record: RecordData, options: DpathFlattenFieldsOptions): RecordData {
  return dpathFlattenFields(options)(record) ?? record;
}

// Expected outputs from airbyte_cdk DpathFlattenFields.
Deno.test("dpathFlattenFields matches Airbyte", () => {
  deepStrictEqual(run({ id: 1, data: { a: 1, b: 2 } }, { fieldPath: ["data"] }), {
    id: 1,
    data: { a: 1, b: 2 },
    a: 1,
    b: 2,
  });
  deepStrictEqual(run({ id: 1, data: { a: 1, b: 2 } }, { fieldPath: ["data"], deleteOriginValue: true }), {
    id: 1,
    a: 1,
    b: 2,
  });
  deepStrictEqual(run({ id: 1, data: { a: 1, id: 2 } }, { fieldPath: ["data"], deleteOriginValue: true }), {
    id: 1,
    data: { a: 1, id: 2 },
  });
  deepStrictEqual(run({ id: 1, data: { a: 1, b: 2 } }, { fieldPath: ["data"], replaceRecord: true }), {
    a: 1,
    b: 2,
  });
  deepStrictEqual(run({ id: 1, data: { x: { a: 1 }, y: { b: 2 } } }, { fieldPath: ["data", "*"] }), {
    id: 1,
    data: { x: { a: 1 }, y: { b: 2 } },
    a: 1,
  });
  deepStrictEqual(run({ id: 1, data: { a: 1 } }, { fieldPath: ["data"], keyPrefix: "p_", keySuffix: "_s" }), {
    id: 1,
    data: { a: 1 },
    p_a_s: 1,
  });
  deepStrictEqual(run({ id: 1, data: [1] }, { fieldPath: ["data"] }), { id: 1, data: [1] });
  deepStrictEqual(run({ id: 1, data: {} }, { fieldPath: ["data"], replaceRecord: true }), {
    id: 1,
    data: {},
  });
  deepStrictEqual(
    run({ id: 1, data: { x: { a: 1 }, y: { b: 2 } } }, { fieldPath: ["data", "*"], deleteOriginValue: true }),
    { id: 1, data: {}, a: 1 },
  );
});
