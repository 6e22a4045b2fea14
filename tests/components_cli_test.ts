/**
 * The CLI path: `spout read --manifest <corpus manifest> --components connectors/<name>/components.ts` imports
 * the registry module and runs the unchanged manifest (typeform: the parent-stream cache counts end up in LOG
 * messages of the read).
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { main } from "../src/cli/main.ts";
import { defaultEnv } from "../src/env.ts";
import { catalogFor, memoryIO } from "./cli_helpers.ts";
import { corpusManifest, corpusText, loopback, redirectFetch } from "./components_helpers.ts";

const COMPONENTS = new URL("../connectors/source-typeform/components.ts", import.meta.url).pathname;

Deno.test("cli read --components: typeform forms and responses through the TypeScript components", async () => {
  const api = loopback((url, request) => {
    if (request.headers.get("authorization") !== "Bearer tf-token") {
      return new Response("{}", { status: 401 });
    }
    if (url.pathname === "/forms") return { items: [{ id: "f1" }, { id: "f2" }], page_count: 1 };
    const [, , id, sub] = url.pathname.split("/");
    if (!sub) return { id, title: id.toUpperCase() };
    if (url.searchParams.get("after")) return { items: [], page_count: 0 };
    return {
      page_count: 1,
      items: [{ response_id: `${id}-r`, token: "t", submitted_at: "2024-02-01T00:00:00Z" }],
    };
  });
  try {
    const manifest = corpusManifest("source-typeform");
    const { io, out, err } = memoryIO({
      files: {
        [manifest]: await corpusText("source-typeform"),
        "config.json": {
          credentials: { auth_type: "access_token", access_token: "tf-token" },
          start_date: "2024-01-01T00:00:00Z",
        },
        "catalog.json": catalogFor(["forms", "responses"]),
      },
      env: defaultEnv({
        fetch: redirectFetch(["https://api.typeform.com"], api.url),
        now: () => Date.UTC(2024, 5, 1),
      }),
    });
    io.importModule = async (path) => ({ ...(await import(new URL(`file://${path}`).href)) });
    const code = await main(
      [
        "read",
        "--config",
        "config.json",
        "--catalog",
        "catalog.json",
        "--manifest",
        manifest,
        "--components",
        COMPONENTS,
      ],
      io,
    );
    strictEqual(code, 0, err());
    const messages = out().split("\n").filter(Boolean).map((l) => JSON.parse(l));
    const records = messages.filter((m) => m.type === "RECORD").map((
      m,
    ) => [m.record.stream, m.record.data.id ?? m.record.data.response_id]);
    deepStrictEqual(records, [["forms", "f1"], ["forms", "f2"], ["responses", "f1-r"], [
      "responses",
      "f2-r",
    ]]);
    // the form list: once for both streams
    strictEqual(api.requests.filter((r) => r.startsWith("GET /forms?")).length, 1);
    const logs = messages.filter((m) => m.type === "LOG").map((m) => m.log.message as string);
    ok(logs.some((l) => l.startsWith("responses: response cache: 1 hits, 1 misses")), logs.join("\n"));
  } finally {
    await api.close();
  }
});
