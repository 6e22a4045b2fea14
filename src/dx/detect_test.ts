import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { parseDocument } from "../_deps/yaml.ts";
import { detectPaginator, detectRecordPath } from "./detect.ts";

Deno.test("detectRecordPath: the largest array of objects, a top-level array, or nothing", () => {
  deepStrictEqual(detectRecordPath([{ a: 1 }])?.path, []);
  strictEqual(detectRecordPath({ ids: [1, 2, 3] }), undefined, "scalars are not records");
  const guess = detectRecordPath({ result: { small: [{}], users: [{ id: 1 }, { id: 2 }, { id: 3 }] } });
  deepStrictEqual(guess?.path, ["result", "users"]);
  deepStrictEqual(parseDocument(guess!.yaml).toJS(), {
    record_selector: {
      type: "RecordSelector",
      extractor: { type: "DpathExtractor", field_path: ["result", "users"] },
    },
  });
});

Deno.test("detectPaginator recognises Link headers, next URLs, cursors, offsets and pages; YAML parses back", () => {
  const link =
    detectPaginator({ body: [], headers: new Headers({ link: '<http://x/?page=2>; rel="next"' }) })[0];
  strictEqual(link.kind, "link_header");
  strictEqual((link.paginator.page_token_option as { type: string }).type, "RequestPath");

  const next = detectPaginator({ body: { data: [{}], links: { next: "https://api.x/items?page=2" } } })[0];
  strictEqual(next.kind, "next_url");
  strictEqual(
    (next.paginator.pagination_strategy as { cursor_value: string }).cursor_value,
    "{{ response.links.next }}",
  );

  const odata = detectPaginator({ body: { value: [{}], "@odata.nextLink": "https://x/?$skip=2" } })[0];
  strictEqual(
    (odata.paginator.pagination_strategy as { cursor_value: string }).cursor_value,
    "{{ response['@odata.nextLink'] }}",
  );

  const cursor = detectPaginator({ body: { items: [{}], meta: { nextPageToken: "abc" } } })[0];
  strictEqual(cursor.kind, "cursor");
  strictEqual((cursor.paginator.page_token_option as { field_name: string }).field_name, "pageToken");

  const offset =
    detectPaginator({ body: { data: [{}, {}], total: 9 }, url: "http://x/c?offset=0&limit=2" })[0];
  strictEqual(offset.kind, "offset");
  deepStrictEqual(offset.paginator.pagination_strategy, { type: "OffsetIncrement", page_size: 2 });

  const page = detectPaginator({
    body: { payments: [{}], has_more: true },
    url: "http://x/p?page=1&per_page=3",
  });
  strictEqual(page[0].kind, "page");
  deepStrictEqual(page[0].paginator.pagination_strategy, {
    type: "PageIncrement",
    page_size: 3,
    start_from_page: 1,
  });
  strictEqual((page[0].paginator.page_size_option as { field_name: string }).field_name, "per_page");

  const none = detectPaginator({ body: { data: [{ id: 1 }] } });
  deepStrictEqual(none.map((g) => g.kind), ["none"]);

  for (const g of [link, next, odata, cursor, offset, page[0], none[0]]) {
    deepStrictEqual(parseDocument(g.yaml).toJS(), { paginator: g.paginator }, g.yaml);
  }
  ok(next.yaml.includes('cursor_value: "{{ response.links.next }}"'));
});
