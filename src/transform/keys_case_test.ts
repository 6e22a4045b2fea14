import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { keysReplace, keysToLower, keysToSnakeCase, toSnakeCase } from "./keys_case.ts";

// Produced by airbyte_cdk KeysToSnakeCaseTransformation.process_key.
const SNAKE: Record<string, string> = {
  "CamelCase": "camel_case",
  "camelCase": "camel_case",
  "HTTPResponseCode": "httpresponse_code",
  "getHTTPResponse": "get_httpresponse",
  "already_snake": "already_snake",
  "with space": "with_space",
  "with-dash": "with_dash",
  "__private": "_private",
  "123abc": "_123_abc",
  "abc123def": "abc_123_def",
  "a1B2c3": "a_1_b_2_c_3",
  "ID": "id",
  "userID": "user_id",
  "ÉtéCafé": "ete_cafe",
  "key.with.dots": "key_with_dots",
  "  leading": "_leading",
  "trailing  ": "trailing_",
  "a__b": "a_b",
  "MixedUP_case": "mixed_up_case",
  "x": "x",
  "": "",
  "---": "",
  "v2Api": "v_2_api",
  "ABCdef": "abcdef",
  "snake_Case_Mixed": "snake_case_mixed",
  "e-mail Address!": "e_mail_address_",
};

Deno.test("toSnakeCase matches Airbyte's KeysToSnakeCase", () => {
  for (const [k, v] of Object.entries(SNAKE)) strictEqual(toSnakeCase(k), v, k);
});

Deno.test("keysToSnakeCase recurses into objects but not lists", () => {
  deepStrictEqual(keysToSnakeCase()({ OuterKey: { InnerKey: 1, list: [{ DeepKey: 2 }] } }), {
    outer_key: { inner_key: 1, list: [{ DeepKey: 2 }] },
  });
});

Deno.test("keysReplace and keysToLower match Airbyte", () => {
  deepStrictEqual(
    keysReplace({ old: " ", new: "_" })({ "Created Time": 1, n: { "User Id": 2, l: [{ "A B": 1 }] } }),
    {
      Created_Time: 1,
      n: { User_Id: 2, l: [{ "A B": 1 }] },
    },
  );
  deepStrictEqual(keysToLower()({ AbC: 1, N: { X: 2 } }), { abc: 1, n: { X: 2 } });
});

Deno.test("renamed keys cannot pollute prototypes", () => {
  const out = keysReplace({ old: "xx", new: "__" })({ xxproto__: { polluted: 1 } });
  strictEqual(({} as Record<string, unknown>).polluted, undefined);
  strictEqual(Object.getPrototypeOf(out), Object.prototype);
  deepStrictEqual(Object.keys(out as object), ["__proto__"]);
});
