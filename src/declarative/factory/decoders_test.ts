import { deepStrictEqual, rejects } from "node:assert/strict";
import { api, fromBase64, manifest, read, records, simpleStream } from "./_test_api.ts";

// Written by Python's zipfile: a directory entry "dir/", "a.csv" (deflated: "id,name\n1,alpha\n2,\n") and
// "b.csv" (stored: "id,name\n3,gamma\n"). The reference's ZipfileDecoder + CsvDecoder(set_values_to_none [""])
// reads it as the three records below.
const ZIP =
  "UEsDBBQAAAAAAAAAIQAAAAAAAAAAAAAAAAAEAAAAZGlyL1BLAwQUAAAACADnU3hdUBcnVRUAAAATAAAABQAAAGEuY3N2y0zRyUvMTeUy1E" +
  "nMKchI5DLS4QIAUEsDBBQAAAAAAOdTeF1Zy5z+EAAAABAAAAAFAAAAYi5jc3ZpZCxuYW1lCjMsZ2FtbWEKUEsBAhQDFAAAAAAAAAAhAAAAAAAAAA" +
  "AAAAAAAAQAAAAAAAAAAAAAAIABAAAAAGRpci9QSwECFAMUAAAACADnU3hdUBcnVRUAAAATAAAABQAAAAAAAAAAAAAAgAEiAAAAYS5jc3ZQSwECFA" +
  "MUAAAAAADnU3hdWcuc/hAAAAAQAAAABQAAAAAAAAAAAAAAgAFaAAAAYi5jc3ZQSwUGAAAAAAMAAwCYAAAAjQAAAAAA";

Deno.test("ZipfileDecoder: every file of the archive goes through the inner CSV parser, like the reference", async () => {
  const { ctx } = api(() => new Response(fromBase64(ZIP) as BlobPart));
  const stream = simpleStream("report", "/report.zip", {
    decoder: { type: "ZipfileDecoder", decoder: { type: "CsvDecoder", set_values_to_none: [""] } },
  });
  const msgs = await read(manifest([stream]), {}, ctx, "report");
  deepStrictEqual(records(msgs), [
    { id: "1", name: "alpha" },
    { id: "2", name: null },
    { id: "3", name: "gamma" },
  ]);
});

Deno.test("ZipfileDecoder: a body that is not a zip archive fails the read with a decode error", async () => {
  const { ctx } = api(() => new Response("not a zip"));
  const stream = simpleStream("report", "/report.zip", {
    decoder: { type: "ZipfileDecoder", decoder: { type: "JsonlDecoder" } },
  });
  await rejects(read(manifest([stream]), {}, ctx, "report"), /zip/);
});

Deno.test("JsonItemsDecoder: records are the items at items_path", async () => {
  const { ctx } = api(() => ({ meta: { n: 2 }, data: { users: [{ id: 1 }, { id: 2 }] } }));
  const stream = simpleStream("users", "/users", {
    decoder: { type: "JsonItemsDecoder", items_path: "data.users" },
  });
  const msgs = await read(manifest([stream]), {}, ctx, "users");
  deepStrictEqual(records(msgs), [{ id: 1 }, { id: 2 }]);
});
