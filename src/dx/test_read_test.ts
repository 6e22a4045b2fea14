import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { fakeEnv } from "../env.ts";
import { CredentialRegistry } from "../http/credentials.ts";
import { SecretMasker } from "../secrets.ts";
import type { Source, StreamMessage } from "../source/types.ts";
import { collectTestRead } from "./test_read.ts";

Deno.test("collectTestRead attributes exchanges, pages and state to streams and masks credentials", async () => {
  const masker = new SecretMasker();
  masker.add("tok-secret");
  const credentials = new CredentialRegistry();
  credentials.addHeader("x-key");
  const fetch = (request: Request) =>
    Promise.resolve(Response.json({ items: [{ id: 1, at: "2024-01-01" }], next: null, url: request.url }));
  const stream = (name: string) => ({
    name,
    cursorField: ["at"],
    jsonSchema: () => Promise.resolve({}),
    read: async function* (
      _o: unknown,
      ctx: {
        env: { fetch: typeof fetch };
        observer?: { onPage?: (e: { stream: string; records: number }) => void };
      },
    ): AsyncGenerator<StreamMessage> {
      const res = await ctx.env.fetch(
        new Request(`http://api.test/${name}?key=tok-secret`, {
          headers: { "x-key": "k", authorization: "Bearer tok-secret" },
        }),
      );
      const body = await res.json();
      ctx.observer?.onPage?.({ stream: name, records: body.items.length });
      for (const item of body.items) yield { type: "record", data: item };
      yield { type: "state", state: { at: "2024-01-01" } };
    },
  });
  const source: Source = {
    spec: () => Promise.resolve({ connectionSpecification: {} }),
    check: () => Promise.resolve({ status: "SUCCEEDED" }),
    streams: () => Promise.resolve([stream("a"), stream("b")]),
  };
  const catalog = {
    streams: ["a", "b"].map((name) => ({
      stream: { name, json_schema: {}, supported_sync_modes: ["incremental" as const] },
      sync_mode: "incremental" as const,
      destination_sync_mode: "append" as const,
    })),
  };
  const report = await collectTestRead(source, {}, catalog, { env: fakeEnv({ fetch }), masker }, {
    infer: true,
    credentials,
  });
  deepStrictEqual(report.streams.map((s) => [s.name, s.exchanges.length, s.pages.length, s.recordCount]), [
    ["a", 1, 1, 1],
    ["b", 1, 1, 1],
  ]);
  const [a] = report.streams;
  strictEqual(a.exchanges[0].url, "http://api.test/a?key=****");
  strictEqual(a.exchanges[0].requestHeaders["x-key"], "****");
  strictEqual(a.exchanges[0].requestHeaders.authorization, "****");
  deepStrictEqual(a.state, { at: "2024-01-01" });
  ok(a.decisions.includes("page 1: 1 records; paginator: no next page (stop)"), a.decisions.join("|"));
  deepStrictEqual(a.recordPath?.path, ["items"]);
  deepStrictEqual((a.schema as { properties: { at: unknown } }).properties.at, {
    type: "string",
    format: "date",
  });
  ok(!JSON.stringify(report).includes("tok-secret"));
});
