/**
 * source-notion (corpus manifest, unchanged) with its TypeScript NotionPropertiesTransformation,
 * NotionUserTransformation and BlocksRetriever (connectors/source-notion/components.ts).
 */
import { deepStrictEqual, strictEqual } from "node:assert/strict";
import components from "../connectors/source-notion/components.ts";
import { loopback, readContext, redirectFetch } from "./components_helpers.ts";
import { readCorpus, validateConnector } from "./components_port_helpers.ts";

const NOW = Date.UTC(2024, 3, 1);
const CONFIG = {
  credentials: { auth_type: "token", token: "secret_nt" },
  start_date: "2024-02-01T00:00:00.000Z",
};
const EDITED = "2024-03-01T00:00:00.000Z";

function block(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    type: "paragraph",
    has_children: false,
    last_edited_time: EDITED,
    parent: { type: "x" },
    ...extra,
  };
}

/** Pages p1; p1 -> b1 (children) + child_page + old block + b4; b1 -> c1 (children); c1 -> d1. */
const CHILDREN: Record<string, unknown[]> = {
  p1: [
    block("b1", { has_children: true }),
    block("cp", { type: "child_page" }),
    block("old", { last_edited_time: "2023-01-01T00:00:00.000Z" }),
    block("b4"),
  ],
  b1: [block("c1", { has_children: true })],
  c1: [block("d1")],
};

function notion() {
  return loopback(async (url, request) => {
    if (request.headers.get("authorization") !== "Bearer secret_nt") {
      return new Response("{}", { status: 401 });
    }
    strictEqual(request.headers.get("notion-version"), "2025-09-03");
    if (url.pathname === "/v1/search") {
      const body = await request.json();
      strictEqual(body.filter.value, "page");
      return {
        results: [{
          id: "p1",
          object: "page",
          last_edited_time: EDITED,
          properties: { Name: { title: "x" }, Done: { checkbox: true } },
        }],
        has_more: false,
      };
    }
    if (url.pathname === "/v1/users") {
      return {
        results: [
          { id: "u1", type: "bot", bot: { owner: { type: "workspace", workspace: true } } },
          { id: "u2", type: "person", person: { email: "a@b.c" } },
        ],
        has_more: false,
      };
    }
    const m = /^\/v1\/blocks\/([^/]+)\/children$/.exec(url.pathname);
    if (m) return { results: CHILDREN[m[1]] ?? [], has_more: false };
    return new Response("{}", { status: 404 });
  });
}

Deno.test("notion: page properties as a list, bot owner info, blocks read depth-first", async () => {
  const api = notion();
  try {
    const ctx = readContext({ fetch: redirectFetch(["https://api.notion.com"], api.url), now: () => NOW });
    const out = await readCorpus("source-notion", CONFIG, {
      components,
      ctx,
      streams: ["pages", "users", "blocks"],
      syncMode: "incremental",
    });
    deepStrictEqual(out.pages.records[0].properties, [
      { name: "Name", value: { title: "x" } },
      { name: "Done", value: { checkbox: true } },
    ]);
    deepStrictEqual(out.users.records.map((r) => r.bot ?? null), [
      { owner: { type: "workspace", info: true } },
      null,
    ]);
    // children before their parent; child_page and blocks edited before start_date are filtered (not
    // recursed into); sequence numbers count the records kept on each level
    deepStrictEqual(
      out.blocks.records.map((r) => [r.id, (r.parent as { sequence_number: number }).sequence_number]),
      [["d1", 0], ["c1", 0], ["b1", 0], ["b4", 1]],
    );
    deepStrictEqual(api.requests.filter((r) => r.includes("/blocks/")).map((r) => r.split("?")[0]), [
      "GET /v1/blocks/p1/children",
      "GET /v1/blocks/b1/children",
      "GET /v1/blocks/c1/children",
    ]);
    strictEqual(out.blocks.states.length > 0, true);
  } finally {
    await api.close();
  }
});

Deno.test("notion: block children are read down to 30 levels below the page", async () => {
  for (let i = 0; i < 40; i++) CHILDREN[`L${i}`] = [block(`L${i + 1}`, { has_children: true })];
  CHILDREN.p1 = [block("L0", { has_children: true })];
  const api = notion();
  try {
    const ctx = readContext({ fetch: redirectFetch(["https://api.notion.com"], api.url), now: () => NOW });
    const out = await readCorpus("source-notion", CONFIG, { components, ctx, streams: ["blocks"] });
    // requests at depths 0 (the page) .. 30; the block found at depth 30 is kept, its children are not read
    strictEqual(api.requests.filter((r) => r.includes("/blocks/")).length, 31);
    strictEqual(out.blocks.records.length, 31);
    strictEqual(out.blocks.records[0].id, "L30");
  } finally {
    await api.close();
  }
});

Deno.test("notion: validate --components accepts the corpus manifest", async () => {
  const { code, out } = await validateConnector("source-notion");
  strictEqual(code, 0, out);
});
