import { deepStrictEqual, strictEqual } from "node:assert/strict";
import {
  connectionStatusMessage,
  controlConfigMessage,
  errorTraceMessage,
  globalStateMessage,
  legacyStateMessage,
  logMessage,
  NO_CURSOR_STATE,
  recordMessage,
  streamStateMessage,
  streamStatusMessage,
} from "./messages.ts";

// Lines below were produced by Airbyte's Python CDK 7.39 (source-declarative-manifest) and are the
// byte-for-byte shapes we must match (emitted_at values differ; key order matters for golden diffs).
Deno.test("record and state messages serialise exactly like the reference", () => {
  strictEqual(
    JSON.stringify(recordMessage("items", { id: 1 }, 1795506832135)),
    '{"type":"RECORD","record":{"stream":"items","data":{"id":1},"emitted_at":1795506832135}}',
  );
  strictEqual(
    JSON.stringify(streamStateMessage({ name: "items" }, { ...NO_CURSOR_STATE }, 3)),
    '{"type":"STATE","state":{"type":"STREAM","stream":{"stream_descriptor":{"name":"items"},' +
      '"stream_state":{"__ab_no_cursor_state_message":true}},"sourceStats":{"recordCount":3}}}',
  );
  strictEqual(
    JSON.stringify(recordMessage("a", {}, 1, "ns")),
    '{"type":"RECORD","record":{"stream":"a","data":{},"emitted_at":1,"namespace":"ns"}}',
  );
});

Deno.test("trace messages carry protocol field names and omit absent optionals", () => {
  strictEqual(
    JSON.stringify(streamStatusMessage({ name: "items" }, "STARTED", 5)),
    '{"type":"TRACE","trace":{"type":"STREAM_STATUS","emitted_at":5,"stream_status":' +
      '{"stream_descriptor":{"name":"items"},"status":"STARTED"}}}',
  );
  deepStrictEqual(
    errorTraceMessage({
      message: "m",
      internalMessage: "i",
      stackTrace: "s",
      failureType: "system_error",
      stream: { name: "x", namespace: "n" },
    }, 7),
    {
      type: "TRACE",
      trace: {
        type: "ERROR",
        emitted_at: 7,
        error: {
          message: "m",
          internal_message: "i",
          stack_trace: "s",
          failure_type: "system_error",
          stream_descriptor: { name: "x", namespace: "n" },
        },
      },
    },
  );
  strictEqual(
    JSON.stringify(errorTraceMessage({ message: "m" }, 1)),
    '{"type":"TRACE","trace":{"type":"ERROR","emitted_at":1,"error":{"message":"m"}}}',
  );
});

Deno.test("global, legacy, log, status and control builders", () => {
  deepStrictEqual(
    globalStateMessage([{ stream_descriptor: { name: "a" }, stream_state: { c: 1 } }], { s: 1 }),
    {
      type: "STATE",
      state: {
        type: "GLOBAL",
        global: {
          shared_state: { s: 1 },
          stream_states: [{ stream_descriptor: { name: "a" }, stream_state: { c: 1 } }],
        },
      },
    },
  );
  deepStrictEqual(legacyStateMessage({ a: { c: 1 } }), {
    type: "STATE",
    state: { type: "LEGACY", data: { a: { c: 1 } } },
  });
  deepStrictEqual(logMessage("WARN", "w", "st"), {
    type: "LOG",
    log: { level: "WARN", message: "w", stack_trace: "st" },
  });
  deepStrictEqual(connectionStatusMessage({ status: "FAILED", message: "no" }), {
    type: "CONNECTION_STATUS",
    connectionStatus: { status: "FAILED", message: "no" },
  });
  deepStrictEqual(controlConfigMessage({ token: "t" }, 3), {
    type: "CONTROL",
    control: { type: "CONNECTOR_CONFIG", emitted_at: 3, connectorConfig: { config: { token: "t" } } },
  });
});
