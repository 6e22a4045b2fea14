import { deepStrictEqual, ok, strictEqual, throws } from "node:assert/strict";
import { SpoutError } from "../errors.ts";
import { parseConfiguredCatalog } from "./catalog.ts";

const stream = (name: string, extra: Record<string, unknown> = {}) => ({
  stream: { name, json_schema: {}, supported_sync_modes: ["full_refresh", "incremental"] },
  sync_mode: "incremental",
  destination_sync_mode: "append_dedup",
  ...extra,
});

Deno.test("configured catalog keeps modes, cursor and primary key", () => {
  const catalog = parseConfiguredCatalog({
    streams: [stream("users", { cursor_field: ["updated_at"], primary_key: [["id"]] })],
  });
  const [s] = catalog.streams;
  strictEqual(s.stream.name, "users");
  strictEqual(s.sync_mode, "incremental");
  strictEqual(s.destination_sync_mode, "append_dedup");
  deepStrictEqual(s.cursor_field, ["updated_at"]);
  deepStrictEqual(s.primary_key, [["id"]]);
});

function rejects(value: unknown, fragment: string): void {
  throws(() => parseConfiguredCatalog(value), (error: unknown) => {
    ok(error instanceof SpoutError, String(error));
    strictEqual(error.code, "config_error");
    ok(error.message.includes(fragment), `${error.message} should mention ${fragment}`);
    return true;
  });
}

Deno.test("configured catalog errors name the path of the problem", () => {
  rejects([], "streams");
  rejects({ streams: {} }, "streams must be a list");
  rejects({ streams: [{ stream: {}, sync_mode: "full_refresh" }] }, "streams[0].stream.name");
  rejects({ streams: [stream("a", { sync_mode: "sometimes" })] }, "streams[0].sync_mode");
  rejects({ streams: [stream("a", { destination_sync_mode: "x" })] }, "destination_sync_mode");
  rejects({ streams: [stream("a", { cursor_field: "updated" })] }, "streams[0].cursor_field");
  rejects({ streams: [stream("a", { primary_key: ["id"] })] }, "streams[0].primary_key[0]");
  rejects({ streams: [stream("a"), stream("b"), stream("a")] }, 'streams[2].stream.name repeats stream "a"');
});

Deno.test("destination_sync_mode defaults to append; null optionals are ignored", () => {
  const catalog = parseConfiguredCatalog({
    streams: [{ stream: { name: "a", json_schema: {} }, sync_mode: "full_refresh", cursor_field: null }],
  });
  strictEqual(catalog.streams[0].destination_sync_mode, "append");
  strictEqual(catalog.streams[0].cursor_field, undefined);
});
