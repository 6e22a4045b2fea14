/**
 * source-zendesk-support (corpus manifest, unchanged) with its TypeScript extractors
 * (connectors/source-zendesk-support/components.ts) on a loopback Zendesk.
 */
import { deepStrictEqual, strictEqual } from "node:assert/strict";
import components from "../connectors/source-zendesk-support/components.ts";
import {
  corpusManifest,
  corpusText,
  loopback,
  readContext,
  readStreams,
  redirectFetch,
} from "./components_helpers.ts";

const CONFIG = {
  subdomain: "acme",
  start_date: "2024-01-01T00:00:00Z",
  credentials: { credentials: "api_token", email: "me@acme.test", api_token: "zd-token" },
};

function zendesk() {
  return loopback((url, request) => {
    if (request.headers.get("authorization") !== `Basic ${btoa("me@acme.test/token:zd-token")}`) {
      return new Response("{}", { status: 401 });
    }
    if (url.pathname === "/api/v2/routing/attributes/definitions") {
      return {
        definitions: {
          conditions_all: [{ subject: "number_of_incidents", title: "Number of incidents" }],
          conditions_any: [{ subject: "brand", title: "Brand" }],
        },
      };
    }
    if (url.pathname === "/api/v2/incremental/ticket_events.json") {
      if (url.searchParams.get("cursor") === "2") return { ticket_events: [], end_of_stream: true };
      return {
        ticket_events: [{
          id: 1,
          ticket_id: 42,
          timestamp: 1704103200,
          created_at: "2024-01-01T10:00:00Z",
          event_type: "Audit",
          child_events: [
            { id: 11, event_type: "Comment", body: "hello", public: true, author_id: 7 },
            { id: 12, event_type: "Change", field_name: "status" },
          ],
        }, {
          id: 2,
          ticket_id: 43,
          timestamp: 1704189600,
          created_at: "2024-01-02T10:00:00Z",
          event_type: "Audit",
          child_events: [{
            id: 21,
            event_type: "Comment",
            body: "again",
            created_at: "2024-01-02T10:00:01Z",
          }],
        }],
        next_page: "https://acme.zendesk.com/api/v2/incremental/ticket_events.json?cursor=2",
        end_of_stream: false,
      };
    }
    return new Response("{}", { status: 404 });
  });
}

Deno.test("zendesk-support: comment child events with their ticket's fields; attribute definitions", async () => {
  const api = zendesk();
  try {
    const ctx = readContext({
      fetch: redirectFetch(["https://acme.zendesk.com"], api.url),
      now: () => Date.UTC(2024, 0, 10),
    });
    const out = await readStreams(await corpusText("source-zendesk-support"), CONFIG, {
      path: corpusManifest("source-zendesk-support"),
      components,
      ctx,
      streams: ["attribute_definitions", "ticket_comments"],
      syncMode: "incremental",
    });
    deepStrictEqual(out.attribute_definitions.records.map((r) => r.subject), [
      "number_of_incidents",
      "brand",
    ]);
    deepStrictEqual(out.ticket_comments.records.map((r) => [r.id, r.ticket_id, r.body, r.created_at]), [
      [11, 42, "hello", "2024-01-01T10:00:00Z"],
      [21, 43, "again", "2024-01-02T10:00:01Z"],
    ]);
    const first = api.requests.find((r) => r.includes("ticket_events.json"))!;
    const params = new URL(first.slice(4), api.url).searchParams;
    strictEqual(params.get("include"), "comment_events");
    strictEqual(params.get("start_time"), "1704067200");
    deepStrictEqual(out.ticket_comments.states.at(-1), { created_at: "1704189601" });
  } finally {
    await api.close();
  }
});
