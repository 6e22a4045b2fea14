/**
 * source-gitlab (corpus manifest, unchanged) with its TypeScript ValidateApiUrl, GroupStreamsPartitionRouter
 * and ProjectStreamsPartitionRouter (connectors/source-gitlab/components.ts).
 */
import { deepStrictEqual, match, rejects, strictEqual } from "node:assert/strict";
import components from "../connectors/source-gitlab/components.ts";
import { loopback, readContext } from "./components_helpers.ts";
import { readCorpus, validateConnector } from "./components_port_helpers.ts";

const CREDENTIALS = { auth_type: "access_token", access_token: "glpat" };

const GROUPS: Record<string, unknown> = {
  g1: { id: "g1", projects: [{ id: 1, path_with_namespace: "g1/app", extra: "dropped" }] },
  g2: {
    id: "g2",
    projects: [{ id: 2, path_with_namespace: "g1/sub/lib" }, { id: 3, path_with_namespace: "g1/x" }],
  },
  g9: { id: "g9", projects: [] },
};

function gitlab() {
  return loopback((url, request) => {
    if (request.headers.get("authorization") !== "Bearer glpat") return new Response("{}", { status: 401 });
    const path = url.pathname.replace("/api/v4/", "");
    if (path === "groups") return [{ id: "g9" }];
    if (path === "groups/g1/descendant_groups") return [{ id: "g2" }];
    const group = /^groups\/([^/]+)$/.exec(path);
    if (group) return GROUPS[group[1]] ?? new Response("{}", { status: 404 });
    const project = /^projects\/(.+)$/.exec(url.pathname.replace("/api/v4/", ""));
    if (project) return { id: decodeURIComponent(project[1]), name: project[1] };
    return new Response("[]", { status: 404 });
  });
}

Deno.test("gitlab: configured groups and their descendants; their projects, filtered by projects_list", async () => {
  const api = gitlab();
  try {
    const out = await readCorpus("source-gitlab", {
      credentials: CREDENTIALS,
      api_url: api.url,
      groups_list: ["g1"],
      projects_list: ["g1/app", "g1/sub/lib"],
    }, { components, ctx: readContext(), streams: ["groups", "projects"] });
    deepStrictEqual(out.groups.records.map((r) => r.id), ["g1", "g2"]);
    deepStrictEqual(out.groups.records[0].projects, [{ id: 1, path_with_namespace: "g1/app" }]);
    deepStrictEqual(out.projects.records.map((r) => r.id), ["g1/app", "g1/sub/lib"]);
    const paths = api.requests.map((r) => r.split("?")[0].replace("GET /api/v4/", ""));
    deepStrictEqual(paths.filter((p) => p.startsWith("projects/")), [
      "projects/g1%2Fapp",
      "projects/g1%2Fsub%2Flib",
    ]);
    strictEqual(paths.filter((p) => p === "groups").length, 0);
  } finally {
    await api.close();
  }
});

Deno.test("gitlab: without groups, every visible group; projects_list alone is used directly", async () => {
  const api = gitlab();
  try {
    const out = await readCorpus("source-gitlab", {
      credentials: CREDENTIALS,
      api_url: api.url,
      projects_list: ["team/one"],
    }, { components, ctx: readContext(), streams: ["groups", "projects"] });
    deepStrictEqual(out.groups.records.map((r) => r.id), ["g9"]);
    deepStrictEqual(out.projects.records.map((r) => r.id), ["team/one"]);
    const paths = api.requests.map((r) => r.split("?")[0].replace("GET /api/v4/", ""));
    deepStrictEqual(paths, ["groups", "groups/g9", "projects/team%2Fone"]);
  } finally {
    await api.close();
  }
});

Deno.test("gitlab: ValidateApiUrl refuses an api_url with a path", async () => {
  await rejects(
    readCorpus("source-gitlab", { credentials: CREDENTIALS, api_url: "https://gitlab.example.com/gitlab" }, {
      components,
      ctx: readContext(),
      streams: ["groups"],
    }),
    (e: Error) => {
      match(e.message, /Invalid API resource locator/);
      return true;
    },
  );
});

Deno.test("gitlab: validate --components accepts the corpus manifest", async () => {
  const { code, out } = await validateConnector("source-gitlab");
  strictEqual(code, 0, out);
});
