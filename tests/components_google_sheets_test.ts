/**
 * source-google-sheets (corpus manifest, unchanged) with its TypeScript RangePartitionRouter,
 * DpathSchemaExtractor, DpathSchemaMatchingExtractor and GridDataErrorHandler
 * (connectors/source-google-sheets/components.ts): one stream per sheet, headers from row 1, rows matched by
 * column position.
 */
import { deepStrictEqual, strictEqual } from "node:assert/strict";
import components from "../connectors/source-google-sheets/components.ts";
import { createDeclarativeSource } from "../src/declarative/manifest_source.ts";
import { corpusManifest, corpusText, loopback, readContext, redirectFetch } from "./components_helpers.ts";
import { readCorpus, validateConnector } from "./components_port_helpers.ts";

// The corpus text unchanged: the unselected `Service` authenticator (a JwtAuthenticator whose templates use
// `json_loads`) is only evaluated when it signs a token, as in the reference.
function manifestText(): Promise<string> {
  return corpusText("source-google-sheets");
}

const ORIGINS = ["https://sheets.googleapis.com", "https://www.googleapis.com"];
const CONFIG = {
  spreadsheet_id: "sheet123",
  credentials: { auth_type: "Client", client_id: "cid", client_secret: "cs", refresh_token: "rt" },
  names_conversion: true,
  batch_size: 2,
};

const SHEETS = [
  { title: "Orders", rows: 5, headers: ["Order ID", "Amount", "Café Note"] },
  { title: "Broken", rows: 3, headers: ["x"] },
];

function sheetsApi() {
  const api = loopback((url) => {
    if (url.pathname === "/oauth2/v4/token") return { access_token: "gs-access", expires_in: 3600 };
    const q = url.searchParams;
    if (url.pathname === "/v4/spreadsheets/sheet123" && q.get("includeGridData") === "false") {
      return {
        sheets: SHEETS.map((s) => ({
          properties: {
            title: s.title,
            sheetType: "GRID",
            gridProperties: { rowCount: s.rows, columnCount: 3 },
          },
        })),
      };
    }
    if (url.pathname === "/v4/spreadsheets/sheet123" && q.get("includeGridData") === "true") {
      const sheet = SHEETS.find((s) => q.get("ranges") === `${s.title}!1:1`)!;
      if (sheet.title === "Broken") return new Response("{}", { status: 500 });
      return {
        sheets: [{
          properties: { title: sheet.title, gridProperties: { rowCount: sheet.rows } },
          data: [{ rowData: [{ values: sheet.headers.map((h) => ({ formattedValue: h })) }] }],
        }],
      };
    }
    if (url.pathname === "/v4/spreadsheets/sheet123/values:batchGet") {
      const range = q.get("ranges");
      const values = range === "Orders!2:4"
        ? [["1", "9.5", ""], ["", " ", ""], ["3", "", "late", "extra"]]
        : [["4", "1"]];
      return { valueRanges: [{ range, majorDimension: "ROWS", values }] };
    }
    return new Response("{}", { status: 404 });
  });
  return api;
}

Deno.test("google-sheets: a stream per readable sheet; converted headers; rows by position in row batches", async () => {
  const api = sheetsApi();
  try {
    const ctx = readContext({ fetch: redirectFetch(ORIGINS, api.url) });
    const source = await createDeclarativeSource(await manifestText(), {
      path: corpusManifest("source-google-sheets"),
      components,
    });
    const names = (await source.streams(CONFIG, ctx)).map((s) => s.name);
    // "Broken" answers 500 with grid data and 200 without: skipped by GridDataErrorHandler
    deepStrictEqual(names, ["Orders"]);
    const out = await readCorpus("source-google-sheets", CONFIG, {
      components,
      ctx,
      text: await manifestText(),
      streams: ["Orders"],
    });
    deepStrictEqual(out.Orders.records, [
      { order_id: "1", amount: "9.5" },
      { order_id: "3", cafe_note: "late" },
      { order_id: "4", amount: "1" },
    ]);
    const batches = api.requests.filter((r) => r.includes("values:batchGet")).map((r) =>
      new URL(r.slice(4), api.url).searchParams.get("ranges")
    );
    // rowCount 5, batch_size 2: rows 2..4 then 5..7 (the end is start + batch, as in the reference)
    deepStrictEqual(batches, ["Orders!2:4", "Orders!5:7"]);
    strictEqual(
      api.requests.filter((r) => r.includes("ranges=Broken") && r.includes("includeGridData=false")).length >
        0,
      true,
    );
  } finally {
    await api.close();
  }
});

Deno.test("google-sheets: validate --components accepts the corpus manifest", async () => {
  const { code, out } = await validateConnector("source-google-sheets");
  strictEqual(code, 0, out);
});
