/**
 * source-prestashop (corpus manifest, unchanged) with its TypeScript CustomFieldTransformation
 * (connectors/source-prestashop/components.ts): records pass unchanged, zero dates included, like the reference.
 */
import { deepStrictEqual, match, strictEqual } from "node:assert/strict";
import components from "../connectors/source-prestashop/components.ts";
import { loopback, readContext } from "./components_helpers.ts";
import { readCorpus, validateConnector } from "./components_port_helpers.ts";

const NOW = Date.UTC(2026, 9, 6, 12, 0, 0, 123);

Deno.test("prestashop: yearly date_upd slices, offset pages of 50, zero dates unchanged, state", async () => {
  const addresses = Array.from({ length: 51 }, (_, i) => ({
    id: i + 1,
    alias: `a${i + 1}`,
    date_add: "0000-00-00 00:00:00",
    date_upd: i < 50 ? "2025-06-01 10:00:00" : "2026-02-03 04:05:06",
  }));
  const api = loopback((url, request) => {
    if (request.headers.get("authorization") !== `Basic ${btoa("ps-key:")}`) {
      return new Response("{}", { status: 401 });
    }
    if (request.headers.get("output-format") !== "JSON") return new Response("{}", { status: 400 });
    if (url.pathname === "/api/carriers") {
      return { carriers: [{ id: 3, name: "carrier", date_add: "0000-00-00", odd: "0000-00-00 00:00:00" }] };
    }
    if (url.pathname !== "/api/addresses") return new Response("{}", { status: 404 });
    const [offset] = url.searchParams.get("limit")!.split(",").map(Number);
    const [from, to] = url.searchParams.get("filter[date_upd]")!.slice(1, -1).split(",");
    const inSlice = addresses.filter((a) => a.date_upd >= from && a.date_upd <= to);
    return { addresses: inSlice.slice(offset, offset + 50) };
  });
  try {
    const ctx = readContext({ now: () => NOW });
    const out = await readCorpus("source-prestashop", {
      access_key: "ps-key",
      url: api.url,
      start_date: "2025-01-01",
    }, {
      components,
      ctx,
      streams: ["addresses", "carriers"],
      syncMode: "incremental",
    });
    strictEqual(out.addresses.records.length, 51);
    deepStrictEqual(out.addresses.records[0], addresses[0]);
    deepStrictEqual(out.carriers.records, [
      { id: 3, name: "carrier", date_add: "0000-00-00", odd: "0000-00-00 00:00:00" },
    ]);
    const params = api.requests.filter((r) => r.includes("/addresses")).map((r) =>
      Object.fromEntries(new URL(r.slice(4), api.url).searchParams)
    );
    deepStrictEqual(params.map((p) => [p["filter[date_upd]"], p.limit]), [
      ["[2025-01-01 00:00:00,2025-12-31 23:59:59]", "0,50"],
      ["[2025-01-01 00:00:00,2025-12-31 23:59:59]", "50,50"],
      ["[2026-01-01 00:00:00,2026-10-06 12:00:00]", "0,50"],
    ]);
    deepStrictEqual([params[0].display, params[0].date, params[0].sort], [
      "full",
      "1",
      "[date_upd_ASC,id_ASC]",
    ]);
    deepStrictEqual(out.addresses.states.at(-1), { date_upd: "2026-02-03 04:05:06" });
  } finally {
    await api.close();
  }
});

Deno.test("prestashop: validate --components accepts the corpus manifest", async () => {
  const { code, out } = await validateConnector("source-prestashop");
  strictEqual(code, 0, out);
  match(out, /source-prestashop\.yaml: ok/);
});
