/**
 * source-typeform (corpus manifest, unchanged) with its TypeScript TypeformAuthenticator and
 * FormIdPartitionRouter (connectors/source-typeform/components.ts) against a loopback Typeform API.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import components from "../connectors/source-typeform/components.ts";
import {
  corpusManifest,
  corpusText,
  loopback,
  readContext,
  readStreams,
  redirectFetch,
} from "./components_helpers.ts";

const FORMS = [{ id: "f1", title: "One" }, { id: "f2", title: "Two" }, { id: "f3", title: "Three" }];
const NOW = Date.UTC(2024, 5, 1);

function typeform(token = "tf-token") {
  const refreshes: string[] = [];
  const api = loopback(async (url, request) => {
    if (url.pathname === "/oauth/token") {
      refreshes.push(await request.text());
      return { access_token: "fresh-token", expires_in: 3600, refresh_token: "rotated-refresh" };
    }
    const auth = request.headers.get("authorization");
    if (auth !== `Bearer ${token}`) return new Response(JSON.stringify({ code: "AUTH" }), { status: 401 });
    const parts = url.pathname.split("/").filter(Boolean);
    if (parts.length === 1 && parts[0] === "forms") {
      const page = Number(url.searchParams.get("page") ?? 1);
      const size = Number(url.searchParams.get("page_size"));
      return { items: FORMS.slice((page - 1) * size, page * size), page_count: 1 };
    }
    const form = FORMS.find((f) => f.id === parts[1]);
    if (!form) return new Response("{}", { status: 404 });
    if (parts.length === 2) return { ...form, fields: [] };
    if (parts[2] === "responses") {
      if (url.searchParams.get("after")) return { items: [], page_count: 0 };
      return {
        page_count: 1,
        items: [1, 2].map((n) => ({
          response_id: `${form.id}-r${n}`,
          token: `${form.id}-t${n}`,
          submitted_at: `2024-0${n + 1}-0${n}T10:00:00Z`,
        })),
      };
    }
    return new Response("{}", { status: 404 });
  });
  return { api, refreshes };
}

async function run(config: Record<string, unknown>, streams: string[], token?: string) {
  const { api, refreshes } = typeform(token);
  const ctx = readContext({ fetch: redirectFetch(["https://api.typeform.com"], api.url), now: () => NOW });
  const updates: unknown[] = [];
  ctx.onConfigUpdate = (c) => updates.push(c);
  try {
    const out = await readStreams(await corpusText("source-typeform"), config as never, {
      path: corpusManifest("source-typeform"),
      components,
      ctx,
      streams,
      syncMode: "incremental",
    });
    return { out, requests: api.requests, refreshes, updates, headers: api.headers };
  } finally {
    await api.close();
  }
}

const TOKEN_CONFIG = {
  credentials: { auth_type: "access_token", access_token: "tf-token" },
  start_date: "2024-01-01T00:00:00Z",
};

Deno.test("typeform: all forms through the parent stream (read once thanks to the parent cache)", async () => {
  const { out, requests } = await run(TOKEN_CONFIG, ["forms", "responses"]);
  deepStrictEqual(out.forms.records.map((r) => r.id), ["f1", "f2", "f3"]);
  deepStrictEqual(out.responses.records.map((r) => [r.response_id, r.form_id]), [
    ["f1-r1", "f1"],
    ["f1-r2", "f1"],
    ["f2-r1", "f2"],
    ["f2-r2", "f2"],
    ["f3-r1", "f3"],
    ["f3-r2", "f3"],
  ]);
  // the form list is fetched once for both streams (parent cache), each form once, responses 2 pages each
  deepStrictEqual(requests.filter((r) => r.startsWith("GET /forms?")), ["GET /forms?page_size=200"]);
  strictEqual(requests.filter((r) => /^GET \/forms\/f\d$/.test(r)).length, 3);
  strictEqual(
    requests.find((r) => r.startsWith("GET /forms/f1/responses")),
    "GET /forms/f1/responses?sort=submitted_at%2Casc&page_size=1000&since=2024-01-01T00%3A00%3A00Z",
  );
  ok(requests.includes("GET /forms/f1/responses?after=f1-t2&page_size=1000"), requests.join("\n"));
  ok(out.responses.logs.some((l) => /response cache: [1-9]\d* hits/.test(l)), out.responses.logs.join("\n"));
  const state = out.responses.states.at(-1)!;
  deepStrictEqual(state.states, [
    { partition: { form_id: "f1" }, cursor: { submitted_at: "2024-03-02T10:00:00Z" } },
    { partition: { form_id: "f2" }, cursor: { submitted_at: "2024-03-02T10:00:00Z" } },
    { partition: { form_id: "f3" }, cursor: { submitted_at: "2024-03-02T10:00:00Z" } },
  ]);
});

Deno.test("typeform: form_ids in the config skip the form list", async () => {
  const { out, requests } = await run({ ...TOKEN_CONFIG, form_ids: ["f2"] }, ["forms", "responses"]);
  deepStrictEqual(out.forms.records.map((r) => r.id), ["f2"]);
  deepStrictEqual(out.responses.records.map((r) => r.response_id), ["f2-r1", "f2-r2"]);
  strictEqual(requests.filter((r) => r.startsWith("GET /forms?")).length, 0);
});

Deno.test("typeform: oauth2.0 credentials refresh the access token and save the rotated refresh token", async () => {
  const { out, refreshes, updates } = await run(
    {
      credentials: {
        auth_type: "oauth2.0",
        client_id: "cid",
        client_secret: "csecret",
        refresh_token: "old-refresh",
        access_token: "stale",
        token_expiry_date: "2024-01-01T00:00:00Z",
      },
      form_ids: ["f1"],
      start_date: "2024-01-01T00:00:00Z",
    },
    ["forms"],
    "fresh-token",
  );
  deepStrictEqual(out.forms.records.map((r) => r.id), ["f1"]);
  strictEqual(refreshes.length, 1);
  ok(
    refreshes[0].includes("refresh_token=old-refresh") && refreshes[0].includes("client_id=cid"),
    refreshes[0],
  );
  const saved = updates.at(-1) as { credentials: { refresh_token: string; access_token: string } };
  strictEqual(saved.credentials.refresh_token, "rotated-refresh");
  strictEqual(saved.credentials.access_token, "fresh-token");
});
