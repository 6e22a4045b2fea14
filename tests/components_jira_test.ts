/**
 * source-jira (corpus manifest, unchanged) with its TypeScript LabelsRecordExtractor, RemoveEmptyFields,
 * SubstreamOrSinglePartitionRouter and SprintIssuesSubstreamPartitionRouter (connectors/source-jira/components.ts).
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import components from "../connectors/source-jira/components.ts";
import { loopback, readContext, redirectFetch } from "./components_helpers.ts";
import { readCorpus, validateConnector } from "./components_port_helpers.ts";

const NOW = Date.UTC(2024, 2, 1);
// sprint_issues reads `stream_slice._partition.extra_fields['fields']`: in the reference `_partition` is the
// router's slice object (the per-partition cursor nests it); spout's slice view exposes the same, so the corpus
// text is read unchanged.

const BASE = {
  domain: "acme.atlassian.net",
  email: "a@acme.io",
  api_token: "jt",
  start_date: "2024-01-01T00:00:00Z",
};

function jira() {
  return loopback((url, request) => {
    if (request.headers.get("authorization") !== `Basic ${btoa("a@acme.io:jt")}`) {
      return new Response("{}", { status: 401 });
    }
    const p = url.pathname;
    const page = (values: unknown[]) => ({
      values,
      startAt: 0,
      maxResults: 50,
      total: values.length,
      isLast: true,
    });
    if (p === "/rest/api/3/label") return page(["bug", "ui"]);
    if (p === "/rest/api/3/project/search") {
      return page([{ id: "10001", key: "PRJ" }, { id: "10002", key: "OTHER" }]);
    }
    if (p === "/rest/api/3/search/jql") {
      return {
        issues: [{
          id: "1",
          key: "PRJ-1",
          fields: {
            updated: "2024-02-01T10:00:00.000+0000",
            created: "2024-01-05T10:00:00.000+0000",
            project: { id: "10001", key: "PRJ" },
            a: null,
          },
          renderedFields: { b: null, c: "x" },
        }],
        isLast: true,
      };
    }
    if (p === "/rest/api/3/field") {
      return [{ id: "customfield_10016", name: "Story Points" }, { id: "summary", name: "Summary" }];
    }
    if (p === "/rest/agile/1.0/board") {
      return page([{ id: 1, type: "scrum", location: { projectKey: "PRJ" } }]);
    }
    if (p === "/rest/agile/1.0/board/1/sprint") return page([{ id: 7 }]);
    if (p === "/rest/agile/1.0/sprint/7/issue") {
      return {
        issues: [{
          id: "99",
          fields: { updated: "2024-02-02T00:00:00.000+0000", created: "2024-01-02T00:00:00.000+0000" },
        }],
        startAt: 0,
        maxResults: 50,
        total: 1,
      };
    }
    return new Response("{}", { status: 404 });
  });
}

function params(requests: string[], path: string, base: string): URLSearchParams[] {
  return requests.filter((r) => r.startsWith(`GET ${path}`)).map((r) =>
    new URL(r.slice(4), base).searchParams
  );
}

Deno.test("jira: labels as {label}; issues without projects in one query, empty fields removed", async () => {
  const api = jira();
  try {
    const ctx = readContext({
      fetch: redirectFetch(["https://acme.atlassian.net"], api.url),
      now: () => NOW,
    });
    const out = await readCorpus("source-jira", BASE, { components, ctx, streams: ["labels", "issues"] });
    deepStrictEqual(out.labels.records, [{ label: "bug" }, { label: "ui" }]);
    const jql = params(api.requests, "/rest/api/3/search/jql", api.url).map((p) => p.get("jql"));
    strictEqual(jql.length, 1);
    ok(!jql[0]!.includes("project in"), jql[0]!);
    strictEqual(api.requests.filter((r) => r.includes("/project/search")).length, 0);
    const issue = out.issues.records[0];
    deepStrictEqual(issue.renderedFields, { c: "x" });
    ok(!("a" in (issue.fields as Record<string, unknown>)));
  } finally {
    await api.close();
  }
});

Deno.test("jira: with projects, one issues query per configured project", async () => {
  const api = jira();
  try {
    const ctx = readContext({
      fetch: redirectFetch(["https://acme.atlassian.net"], api.url),
      now: () => NOW,
    });
    await readCorpus("source-jira", { ...BASE, projects: ["PRJ"] }, { components, ctx, streams: ["issues"] });
    const jql = params(api.requests, "/rest/api/3/search/jql", api.url).map((p) => p.get("jql")!);
    strictEqual(jql.length, 1);
    ok(jql[0].includes("and project in (10001)"), jql[0]);
  } finally {
    await api.close();
  }
});

Deno.test("jira: sprint issues ask for the story-point fields collected first, then key/status/created/updated", async () => {
  const api = jira();
  try {
    const ctx = readContext({
      fetch: redirectFetch(["https://acme.atlassian.net"], api.url),
      now: () => NOW,
    });
    const out = await readCorpus("source-jira", BASE, {
      components,
      ctx,
      streams: ["sprint_issues"],
    });
    const sprint = params(api.requests, "/rest/agile/1.0/sprint/7/issue", api.url);
    strictEqual(sprint.length, 1);
    // the reference renders the list and requests sends one `fields` parameter per item
    deepStrictEqual(sprint[0].getAll("fields"), ["customfield_10016", "key", "status", "created", "updated"]);
    deepStrictEqual(out.sprint_issues.records.map((r) => r.id), ["7-99"]);
    // the field list is read before the sprints
    const order = api.requests.map((r) => r.split("?")[0]);
    ok(order.indexOf("GET /rest/api/3/field") < order.indexOf("GET /rest/agile/1.0/board"), order.join());
  } finally {
    await api.close();
  }
});

Deno.test("jira: validate --components accepts the corpus manifest", async () => {
  const { code, out } = await validateConnector("source-jira");
  strictEqual(code, 0, out);
});
