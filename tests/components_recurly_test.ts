/**
 * source-recurly (corpus manifest, unchanged) with its TypeScript ExportDatesExtractor
 * (connectors/source-recurly/components.ts) on a loopback Recurly v3 API.
 */
import { deepStrictEqual, strictEqual } from "node:assert/strict";
import components from "../connectors/source-recurly/components.ts";
import {
  corpusManifest,
  corpusText,
  loopback,
  readContext,
  readStreams,
  redirectFetch,
} from "./components_helpers.ts";

Deno.test("recurly: export_dates is one {dates} record; the v2021 Accept header is sent", async () => {
  const accepts: (string | null)[] = [];
  const api = loopback((url, request) => {
    if (request.headers.get("authorization") !== `Basic ${btoa("rc-key:")}`) {
      return new Response("{}", { status: 401 });
    }
    accepts.push(request.headers.get("accept"));
    if (url.pathname === "/export_dates") {
      return { object: "export_dates", dates: ["2024-01-01", "2024-01-02"] };
    }
    return new Response("{}", { status: 404 });
  });
  try {
    const ctx = readContext({ fetch: redirectFetch(["https://v3.recurly.com"], api.url) });
    const out = await readStreams(await corpusText("source-recurly"), { api_key: "rc-key" }, {
      path: corpusManifest("source-recurly"),
      components,
      ctx,
      streams: ["export_dates"],
    });
    deepStrictEqual(out.export_dates.records, [{ dates: ["2024-01-01", "2024-01-02"] }]);
    strictEqual(accepts[0], "application/vnd.recurly.v2021-02-25");
  } finally {
    await api.close();
  }
});
