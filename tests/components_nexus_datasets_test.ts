/**
 * source-nexus-datasets (corpus manifest, unchanged) with its TypeScript NexusCustomAuthenticator and
 * FlexibleDecoder (connectors/source-nexus-datasets/components.ts): HMAC-signed export request, JSON lines
 * turned into Python-stringified `raw_data` and its `json.dumps` (expected values computed with Python).
 */
import { deepStrictEqual, match, rejects, strictEqual } from "node:assert/strict";
import components from "../connectors/source-nexus-datasets/components.ts";
import { loopback, readContext } from "./components_helpers.ts";
import { readCorpus, validateConnector } from "./components_port_helpers.ts";

const NOW = Date.UTC(2024, 0, 2, 3, 4, 5, 678);
const BODY =
  '{"id": 1, "amount": 12.50, "big": 12345678901234567890, "ok": true, "tags": ["é", null, 1e20], ' +
  '"n": {"z": 0.0001, "a": false}}\n\n{bad json\r\n{"id": 2, "name": "x\\"y", "2": "two", "1": 1}\n';

function config(base: string, extra: Record<string, unknown> = {}) {
  return {
    base_url: `${base}/api/`,
    user_id: "U1",
    access_key_id: "AK",
    secret_key: "sec",
    api_key: "nx-api",
    dataset_name: "Orders",
    mode: "Incremental",
    ...extra,
  };
}

Deno.test("nexus-datasets: HMAC_1 signature headers; JSON lines decoded like the reference", async () => {
  const seen: Headers[] = [];
  const api = loopback((url, request) => {
    seen.push(request.headers);
    if (url.pathname !== "/api/rest/3.1/analytics/dataset/Orders/export") {
      return new Response("", { status: 404 });
    }
    return new Response(BODY, { headers: { "content-type": "application/x-jsonlines; charset=utf-8" } });
  });
  try {
    const ctx = readContext({ now: () => NOW });
    const out = await readCorpus("source-nexus-datasets", config(api.url), {
      components,
      ctx,
      streams: ["datasets"],
    });
    deepStrictEqual(api.requests, ["GET /api/rest/3.1/analytics/dataset/Orders/export?mode=Incremental"]);
    strictEqual(seen[0].get("x-dapi-date"), "2024-01-02T03:04:05.000Z");
    strictEqual(seen[0].get("x-nexus-api-key"), "nx-api");
    // base64(HMAC-SHA256("sec", lower(date + "GET" + path?query))) computed with Python's hmac
    strictEqual(seen[0].get("authorization"), "HMAC_1 AK:3IhfWxyqz58xWP0NsZlIJ77A3FecKJLQj6e7LLdr35I=:U1");
    deepStrictEqual(out.datasets.records, [
      {
        raw_data: {
          id: "1",
          amount: "12.5",
          big: "12345678901234567890",
          ok: "True",
          tags: ["é", null, "1e+20"],
          n: { z: "0.0001", a: "False" },
        },
        raw_data_string: '{"id": "1", "amount": "12.5", "big": "12345678901234567890", "ok": "True", ' +
          '"tags": ["\\u00e9", null, "1e+20"], "n": {"z": "0.0001", "a": "False"}}',
      },
      {
        raw_data: { id: "2", name: 'x"y', "2": "two", "1": "1" },
        raw_data_string: '{"id": "2", "name": "x\\"y", "2": "two", "1": "1"}',
      },
    ]);
  } finally {
    await api.close();
  }
});

Deno.test("nexus-datasets: 202 (not ready) and a non-JSON content type fail the read", async () => {
  let status = 202;
  const api = loopback(() =>
    status === 202
      ? new Response("", { status: 202 })
      : new Response("a,b\n", { headers: { "content-type": "text/csv" } })
  );
  try {
    await rejects(
      readCorpus("source-nexus-datasets", config(api.url), {
        components,
        ctx: readContext({ now: () => NOW }),
        streams: ["datasets"],
      }),
      (e: Error) => {
        match(e.message, /Dataset is not ready, try again later/);
        return true;
      },
    );
    status = 200;
    await rejects(
      readCorpus("source-nexus-datasets", config(api.url), {
        components,
        ctx: readContext({ now: () => NOW }),
        streams: ["datasets"],
      }),
      /Unsupported or unrecognized Content-Type: text\/csv/,
    );
  } finally {
    await api.close();
  }
});

Deno.test("nexus-datasets: validate --components accepts the corpus manifest", async () => {
  const { code, out } = await validateConnector("source-nexus-datasets");
  strictEqual(code, 0, out);
});
