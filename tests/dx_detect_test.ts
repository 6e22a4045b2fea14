/** `spout detect`: suggestions from a response saved with curl, as YAML or JSON. */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { parseDocument } from "../src/_deps/yaml.ts";
import { main } from "../src/cli/main.ts";
import { fileIO, writeJson } from "./dx_helpers.ts";

Deno.test("detect prints paste-ready YAML for the record selector, paginators and schema", async () => {
  const dir = await Deno.makeTempDir({ prefix: "spout_detect_" });
  try {
    const file = await writeJson(dir, "page.json", {
      data: {
        items: [{ id: 1, at: "2024-01-01T00:00:00Z" }, { id: 2, at: "2024-01-02T00:00:00Z", note: "x" }],
      },
      paging: { next_cursor: "abc" },
    });
    const run = fileIO();
    strictEqual(await main(["detect", file], run.io), 0, run.err());
    const out = run.out();
    ok(out.startsWith("# records: 2 at data.items\n"), out);
    const doc = parseDocument(out.split("# paginator")[1].split("\n").slice(1).join("\n")).toJS();
    deepStrictEqual(doc.paginator.pagination_strategy, {
      type: "CursorPagination",
      cursor_value: "{{ response.paging.next_cursor }}",
      stop_condition: "{{ not response.paging.next_cursor }}",
    });
    ok(
      out.includes('note:\n        type:\n          - "null"\n          - string'),
      "a field missing in a sample is nullable",
    );

    const json = fileIO();
    const link = 'Link: <https://api.test/items?page=2>; rel="next"';
    strictEqual(await main(["detect", file, "--json", "--header", link], json.io), 0);
    const report = JSON.parse(json.out());
    deepStrictEqual(report.recordPath.path, ["data", "items"]);
    strictEqual(report.paginators[0].kind, "link_header");
    strictEqual(report.schema.properties.at.format, "date-time");

    const bad = fileIO();
    await Deno.writeTextFile(`${dir}/bad.json`, "<html>");
    strictEqual(await main(["detect", `${dir}/bad.json`], bad.io), 1);
    ok(bad.err().includes("cannot read"), bad.err());
    strictEqual(await main(["detect"], fileIO().io), 2);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
