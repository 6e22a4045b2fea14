import { ok, strictEqual, throws } from "node:assert/strict";
import { SpoutError } from "../errors.ts";
import { parseJsonSafe } from "./json.ts";

Deno.test("parseJsonSafe drops __proto__ keys at every depth", () => {
  const value = parseJsonSafe('{"a":{"__proto__":{"x":1},"b":2},"__proto__":{"y":1}}', "t") as {
    a: Record<string, unknown>;
  };
  ok(!Object.hasOwn(value, "__proto__"));
  ok(!Object.hasOwn(value.a, "__proto__"));
  strictEqual(value.a.b, 2);
  const merged = Object.assign({}, value.a) as Record<string, unknown>;
  strictEqual(merged.x, undefined);
});

Deno.test("parseJsonSafe errors name the input and never quote it", () => {
  throws(() => parseJsonSafe('{"password": "hunter22" oops}', "config file c.json"), (error: unknown) => {
    ok(error instanceof SpoutError);
    strictEqual(error.code, "config_error");
    ok(error.message.includes("config file c.json"));
    ok(error.message.includes("position"));
    ok(!error.message.includes("hunter22"));
    return true;
  });
  throws(() => parseJsonSafe("hunter22", "state", "state_invalid"), (error: unknown) => {
    ok(error instanceof SpoutError && error.code === "state_invalid" && !error.message.includes("hunter22"));
    return true;
  });
});
