/**
 * source-alpha-vantage (corpus manifest, unchanged) with its TypeScript ObjectDpathExtractor
 * (connectors/source-alpha-vantage/components.ts) against a loopback Alpha Vantage.
 */
import { deepStrictEqual, rejects, strictEqual } from "node:assert/strict";
import components from "../connectors/source-alpha-vantage/components.ts";
import {
  corpusManifest,
  corpusText,
  loopback,
  readContext,
  readStreams,
  redirectFetch,
} from "./components_helpers.ts";

const CONFIG = { api_key: "av-key", symbol: "IBM", interval: "5min", outputsize: "compact", adjusted: false };

function alphaVantage() {
  return loopback((url) => {
    const fn = url.searchParams.get("function");
    if (url.searchParams.get("apikey") !== "av-key") return { Information: "invalid api key" };
    const bar = (open: string) => ({
      "1. open": open,
      "2. high": "2",
      "3. low": "1",
      "4. close": "1.5",
      "5. volume": "10",
    });
    switch (fn) {
      case "TIME_SERIES_INTRADAY":
        return {
          "Meta Data": { "2. Symbol": "IBM" },
          [`Time Series (${url.searchParams.get("interval")})`]: {
            "2024-01-05 16:00:00": bar("160.1"),
            "2024-01-05 15:55:00": bar("160.0"),
          },
        };
      case "TIME_SERIES_DAILY":
        return {
          "Meta Data": { "2. Symbol": "IBM" },
          "Time Series (Daily)": { "2024-01-05": bar("159"), "2024-01-04": bar("158") },
        };
      case "GLOBAL_QUOTE":
        return { "Global Quote": { "01. symbol": "IBM", "05. price": "160.10" } };
      default:
        return { "Meta Data": {} };
    }
  });
}

Deno.test("alpha-vantage: time series objects become one record per timestamp; the quote is one record", async () => {
  const api = alphaVantage();
  try {
    const ctx = readContext({ fetch: redirectFetch(["https://www.alphavantage.co"], api.url) });
    const out = await readStreams(await corpusText("source-alpha-vantage"), CONFIG, {
      path: corpusManifest("source-alpha-vantage"),
      components,
      ctx,
      streams: ["time_series_intraday", "time_series_daily", "quote"],
    });
    deepStrictEqual(out.time_series_intraday.records.map((r) => [r.timestamp, r["1. open"]]), [
      ["2024-01-05 16:00:00", "160.1"],
      ["2024-01-05 15:55:00", "160.0"],
    ]);
    deepStrictEqual(out.time_series_daily.records.map((r) => r.date), ["2024-01-05", "2024-01-04"]);
    deepStrictEqual(out.time_series_daily.records[0], {
      "1. open": "159",
      "2. high": "2",
      "3. low": "1",
      "4. close": "1.5",
      "5. volume": "10",
      date: "2024-01-05",
    });
    deepStrictEqual(out.quote.records, [{ "Global Quote": { "01. symbol": "IBM", "05. price": "160.10" } }]);
    strictEqual(api.requests.length, 3);
    strictEqual(
      api.requests[0],
      "GET /query?apikey=av-key&symbol=IBM&function=TIME_SERIES_INTRADAY&datatype=json&outputsize=compact&interval=5min&adjusted=False",
    );
  } finally {
    await api.close();
  }
});

Deno.test("alpha-vantage: without the components the manifest names the missing class", async () => {
  await rejects(
    readStreams(await corpusText("source-alpha-vantage"), CONFIG, {
      path: corpusManifest("source-alpha-vantage"),
    }),
    /source-alpha-vantage\.yaml:\d+:\d+: .*"source_declarative_manifest\.components\.ObjectDpathExtractor".*--components/,
  );
});
