import { deepStrictEqual, match } from "node:assert/strict";
import { zipDecoder } from "./zip.ts";
import { csvDecoder } from "./csv.ts";
import { jsonDecoder } from "./json.ts";
import { collect, decodeError } from "./_test_util.ts";

// Made with Python's zipfile (ZIP_DEFLATED): "dir/" (directory), "dir/a.csv" (1 row), "b.csv" (198 rows).
const ARCHIVE =
  "UEsDBBQAAAAIACVBeF0AAAAAAgAAAAAAAAAEAAAAZGlyLwMAUEsDBBQAAAAIACVBeF0lEk2jCwAAAAkAAAAJAAAAZGlyL2EuY3N2y0zRKeMy1KngAgBQSwMEFAAAAAgAJUF4XeUVElN8AQAAPwQAAAUAAABiLmNzdi3Tu1HAMBQF0ZxaCHT1Vz8kNMAM3aNdETxHOjO23+r76/Pno37+frQ7/c64M++sO/vOuZPCIzw4Gs6Gw+F0OB7OBxBERVRERVRERVRERVRERVREQzRE83UQDdEQDdEQDdEQHdERHdH9AkRHdERHdERHDMRADMRADD8aMRADMRADMRETMRETMRHT/4SYiImYiIVYiIVYiIVYiOWvRSzEQmzERmzERmzERmzEdhuIjTiIgziIgziIgziIgzgu8G3QFRZ3WFxicYvFNRb3WFxkcZPFVRbt//q1L4BXwEvgNfAieBW8DOwghpD62tHaQowh1hBziD3EIGIRMYnYRNoLT2sWsYsYRiwjphHbiHHEOmIe6a9arYXERGIjMZJYScwkdhJDiaVkvOS1xhJribnEXmIwsZiYTGwmRpP57ovWbmI4sZyYTmwnxhPrifnEfrLeZdOaUGwoRhQrihnFjmJIsaSYUva7qVprijnFnmJQsaiYVGwqRhWrynnXHPsHUEsBAhQDFAAAAAgAJUF4XQAAAAACAAAAAAAAAAQAAAAAAAAAAAAQAP1BAAAAAGRpci9QSwECFAMUAAAACAAlQXhdJRJNowsAAAAJAAAACQAAAAAAAAAAAAAAgAEkAAAAZGlyL2EuY3N2UEsBAhQDFAAAAAgAJUF4XeUVElN8AQAAPwQAAAUAAAAAAAAAAAAAAIABVgAAAGIuY3N2UEsFBgAAAAADAAMAnAAAAPUBAAAAAA==";
const bytes = () => Uint8Array.from(atob(ARCHIVE), (c) => c.charCodeAt(0));

Deno.test("zip: every file goes through the inner decoder, directories skipped", async () => {
  const rows = await collect(zipDecoder(csvDecoder()), new Response(bytes())) as { id: string }[];
  deepStrictEqual(rows.length, 199);
  deepStrictEqual(rows[0], { id: "1", v: "x" });
  deepStrictEqual(rows[198], { id: "199", v: "y" });
});

Deno.test("zip: not a zip, truncated archive, inflate cap", async () => {
  match(
    await decodeError(collect(zipDecoder(jsonDecoder()), new Response("{}"))),
    /^decode_error: invalid zip/,
  );
  const b = bytes();
  match(
    await decodeError(collect(zipDecoder(csvDecoder()), new Response(b.slice(0, b.length - 30)))),
    /^decode_error/,
  );
  match(await decodeError(collect(zipDecoder(csvDecoder()), new Response(b), { maxBytes: 1000 })), /limit/);
});
