import { deepStrictEqual, ok, strictEqual, throws } from "node:assert/strict";
import { SpoutError } from "../errors.ts";
import { parseJsonSafe } from "./json.ts";
import { parseInputState, parseStateText } from "./state.ts";

Deno.test("per-stream state list, with namespaces kept apart", () => {
  const state = parseInputState([
    { type: "STREAM", stream: { stream_descriptor: { name: "users" }, stream_state: { updated: "a" } } },
    {
      type: "STREAM",
      stream: { stream_descriptor: { name: "users", namespace: "eu" }, stream_state: { updated: "b" } },
    },
  ]);
  strictEqual(state.format, "stream");
  deepStrictEqual(state.get({ name: "users" }), { updated: "a" });
  deepStrictEqual(state.get({ name: "users", namespace: "eu" }), { updated: "b" });
  strictEqual(state.get({ name: "orders" }), undefined);
  strictEqual(state.streams().length, 2);
});

Deno.test("GLOBAL state exposes stream_states and shared_state", () => {
  const state = parseInputState([{
    type: "GLOBAL",
    global: {
      shared_state: { lsn: 5 },
      stream_states: [{ stream_descriptor: { name: "a" }, stream_state: { c: 1 } }],
    },
  }]);
  strictEqual(state.format, "global");
  deepStrictEqual(state.get({ name: "a" }), { c: 1 });
  deepStrictEqual(state.sharedState, { lsn: 5 });
});

Deno.test("legacy dict, LEGACY message and whole STATE AirbyteMessages", () => {
  deepStrictEqual(parseInputState({ users: { cursor: 1 } }).get({ name: "users" }), { cursor: 1 });
  deepStrictEqual(
    parseInputState([{ type: "LEGACY", data: { users: { cursor: 2 } } }]).get({ name: "users" }),
    {
      cursor: 2,
    },
  );
  const fromStdout = parseInputState([
    {
      type: "STATE",
      state: { type: "STREAM", stream: { stream_descriptor: { name: "u" }, stream_state: { c: 3 } } },
    },
  ]);
  deepStrictEqual(fromStdout.get({ name: "u" }), { c: 3 });
  const single = parseInputState({
    type: "STREAM",
    stream: { stream_descriptor: { name: "u" }, stream_state: { c: 4 } },
  });
  deepStrictEqual(single.get({ name: "u" }), { c: 4 });
});

Deno.test("empty inputs mean no state; empty blobs read as undefined; later entries win", () => {
  for (const empty of [null, undefined, {}, []]) strictEqual(parseInputState(empty).streams().length, 0);
  const state = parseInputState([
    { type: "STREAM", stream: { stream_descriptor: { name: "a" }, stream_state: {} } },
    { type: "STREAM", stream: { stream_descriptor: { name: "b" }, stream_state: { v: 1 } } },
    { type: "STREAM", stream: { stream_descriptor: { name: "b" }, stream_state: { v: 2 } } },
  ]);
  strictEqual(state.get({ name: "a" }), undefined);
  deepStrictEqual(state.get({ name: "b" }), { v: 2 });
});

Deno.test("returned state is a copy: mutating it does not change the input", () => {
  const state = parseInputState({ a: { nested: { v: 1 } } });
  const first = state.get({ name: "a" }) as { nested: { v: number } };
  first.nested.v = 99;
  deepStrictEqual(state.get({ name: "a" }), { nested: { v: 1 } });
});

Deno.test("state parsed from hostile JSON cannot pollute prototypes", () => {
  const value = parseJsonSafe('{"__proto__":{"polluted":1},"a":{"__proto__":{"polluted":2},"v":1}}', "state");
  const state = parseInputState(value);
  deepStrictEqual(state.get({ name: "a" }), { v: 1 });
  strictEqual(state.get({ name: "__proto__" }), undefined);
  strictEqual(({} as Record<string, unknown>).polluted, undefined);
});

Deno.test("invalid state shapes are state_invalid errors with a path", () => {
  const cases: [unknown, string][] = [
    [[{ type: "STREAM", stream: { stream_descriptor: {} } }], "[0].stream.stream_descriptor"],
    [[{ type: "NOPE" }], "[0].type"],
    [[5], "[0]"],
    [{ a: 5 }, "the document.a"],
    [[{ type: "GLOBAL", global: { stream_states: {} } }], "global.stream_states"],
    ["text", "the document"],
  ];
  for (const [value, fragment] of cases) {
    throws(() => parseInputState(value), (error: unknown) => {
      ok(error instanceof SpoutError);
      strictEqual(error.code, "state_invalid");
      ok(error.message.includes(fragment), `${error.message} / ${fragment}`);
      return true;
    });
  }
});

Deno.test("a previous read's output (JSON Lines, any message kinds) is a valid state file", () => {
  const lines = [
    '{"type":"TRACE","trace":{"type":"STREAM_STATUS","emitted_at":1,"stream_status":{"stream_descriptor":{"name":"u"},"status":"STARTED"}}}',
    '{"type":"RECORD","record":{"stream":"u","data":{"id":1},"emitted_at":1}}',
    '{"type":"STATE","state":{"type":"STREAM","stream":{"stream_descriptor":{"name":"u"},"stream_state":{"c":1}}}}',
    '{"type":"LOG","log":{"level":"INFO","message":"x"}}',
    '{"type":"STATE","state":{"type":"STREAM","stream":{"stream_descriptor":{"name":"u"},"stream_state":{"c":2}}}}',
    "",
  ];
  const state = parseStateText(lines.join("\n"), "out.jsonl");
  deepStrictEqual(state.get({ name: "u" }), { c: 2 });
  // The same messages as a JSON list work too.
  deepStrictEqual(parseInputState(lines.filter((l) => l).map((l) => JSON.parse(l))).get({ name: "u" }), {
    c: 2,
  });
});

Deno.test("parseStateText: empty means none; broken JSON names the file (and the line for JSONL)", () => {
  strictEqual(parseStateText(" \n", "s.json").streams().length, 0);
  throws(
    () => parseStateText("{oops", "s.json"),
    (e: unknown) => e instanceof SpoutError && e.message.includes("s.json"),
  );
  throws(
    () => parseStateText('{"a":{}}\n{oops', "s.jsonl"),
    (e: unknown) =>
      e instanceof SpoutError && e.code === "state_invalid" && e.message.includes("s.jsonl line 2"),
  );
});
