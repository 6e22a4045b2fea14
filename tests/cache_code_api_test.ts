/**
 * `useCache` in the code API: a parent HttpStream read by the source and again by two HttpSubStreams fetches
 * its pages once; records are unchanged and the read reports hit/miss counts.
 */
import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { fakeEnv } from "../src/env.ts";
import { SecretMasker } from "../src/secrets.ts";
import { type HttpRequestContext, HttpStream } from "../src/source/http_stream.ts";
import { HttpSubStream } from "../src/source/http_sub_stream.ts";
import type { Stream } from "../src/source/types.ts";
import type { RecordData } from "../src/types.ts";
import { unbatchRecords } from "../src/source/stream_messages.ts";

function build(useCache: boolean): Stream[] {
  class Users extends HttpStream {
    readonly name = "users";
    readonly urlBase = "https://api.test/";
    override readonly useCache = useCache;
    path(): string {
      return "users";
    }
    parseResponse(body: unknown): RecordData[] {
      return (body as { users: RecordData[] }).users;
    }
  }
  class Child extends HttpSubStream {
    readonly urlBase = "https://api.test/";
    constructor(readonly name: string, parent: Stream) {
      super(parent);
    }
    path({ slice }: HttpRequestContext): string {
      return `users/${(slice.partition.parent as { id: number }).id}/${this.name}`;
    }
    parseResponse(body: unknown): RecordData[] {
      return body as RecordData[];
    }
  }
  const users = new Users();
  return [users, new Child("posts", users), new Child("likes", users)];
}

async function readAll(useCache: boolean) {
  const requests: string[] = [];
  const env = fakeEnv({
    fetch: (request: Request) => {
      const path = new URL(request.url).pathname;
      requests.push(path);
      if (path === "/users") return Promise.resolve(Response.json({ users: [{ id: 1 }, { id: 2 }] }));
      return Promise.resolve(Response.json([{ at: path }]));
    },
  });
  const ctx = { env, masker: new SecretMasker() };
  const records: Record<string, unknown[]> = {};
  const logs: string[] = [];
  for (const stream of build(useCache)) {
    for await (const m of unbatchRecords(stream.read({ syncMode: "full_refresh" }, ctx))) {
      if (m.type === "record") (records[stream.name] ??= []).push(m.data);
      if (m.type === "log") logs.push(m.message);
    }
  }
  return { requests, records, logs };
}

Deno.test("code API useCache: the parent's request is made once for the stream and both children", async () => {
  const off = await readAll(false);
  const on = await readAll(true);
  strictEqual(off.requests.filter((p) => p === "/users").length, 3);
  strictEqual(on.requests.filter((p) => p === "/users").length, 1);
  strictEqual(off.requests.length, 7);
  strictEqual(on.requests.length, 5);
  deepStrictEqual(on.records, off.records);
  deepStrictEqual(off.logs, []);
  // the parent's own read reports its counts (its re-reads inside the children are consumed by them)
  deepStrictEqual(on.logs, ["users: response cache: 0 hits, 1 misses (1 entries, 29 bytes, 0 evictions)"]);
});
