import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { findLink, linkHeaderPaginator, linksFromHeaders, parseLinkHeader } from "./link_header.ts";
import { emptyParts } from "./_test_util.ts";
import { mergeQueryIntoUrl } from "./request_path.ts";

Deno.test("parseLinkHeader handles several links, quotes, commas in quotes and spaces", () => {
  const links = parseLinkHeader(
    ' <https://a.test/x?page=2&per_page=5> ;  rel = "next" ; title="a, b; c",' +
      '<https://a.test/x?page=9>;rel=last,<https://a.test/x?page=1>; rel="first prev"; title="say \\"hi\\""',
  );
  deepStrictEqual(links.map((l) => l.url), [
    "https://a.test/x?page=2&per_page=5",
    "https://a.test/x?page=9",
    "https://a.test/x?page=1",
  ]);
  deepStrictEqual(links[0].params, { rel: "next", title: "a, b; c" });
  deepStrictEqual(links[1].rels, ["last"]);
  deepStrictEqual(links[2].rels, ["first", "prev"]);
  strictEqual(links[2].params.title, 'say "hi"');
  deepStrictEqual(parseLinkHeader(""), []);
  deepStrictEqual(parseLinkHeader("garbage, <https://a.test/>; rel=next").map((l) => l.url), [
    "https://a.test/",
  ]);
});

Deno.test("findLink matches rel case-insensitively inside rel lists and resolves relative URLs", () => {
  const h = new Headers({ link: '</x?page=3>; rel="last", </x?page=2>; REL="Next Last"' });
  strictEqual(findLink(h, "next", "https://a.test/x?page=1"), "https://a.test/x?page=2");
  strictEqual(findLink(new Headers(), "next"), undefined);
  strictEqual(findLink(new Headers({ link: '<https://a.test/>; rel="prev"' }), "next"), undefined);
});

Deno.test("linksFromHeaders mirrors requests' response.links", () => {
  const links = linksFromHeaders(
    new Headers({ link: '<https://a.test/2>; rel="next", <https://a.test/9>; rel="last"' }),
  );
  deepStrictEqual(links.next, { url: "https://a.test/2", rel: "next" });
  deepStrictEqual(links.last, { url: "https://a.test/9", rel: "last" });
});

Deno.test("link header paginator follows rel=next and still adds the page size", () => {
  const p = linkHeaderPaginator({
    pageSize: 50,
    pageSizeOption: { injectInto: "request_parameter", fieldName: "per_page" },
  });
  const response = new Response("[]", {
    headers: { link: '<https://a.test/x?page=2&per_page=50>; rel="next"' },
  });
  const token = p.nextToken({ response, body: [], records: [], lastPageSize: 0, token: undefined });
  const parts = p.apply(emptyParts(), token);
  strictEqual(parts.url, "https://a.test/x?page=2&per_page=50");
  deepStrictEqual(parts.query, { per_page: "50" });
  // Airbyte drops a parameter the next URL already carries with the same value.
  strictEqual(mergeQueryIntoUrl(parts.url!, parts.query), "https://a.test/x?page=2&per_page=50");
  strictEqual(
    mergeQueryIntoUrl("https://a.test/x?per_page=10", { per_page: "50", q: "a b" }),
    "https://a.test/x?per_page=10&per_page=50&q=a+b",
  );
  const last = new Response("[]", { headers: { link: '<https://a.test/x?page=1>; rel="prev"' } });
  strictEqual(p.nextToken({ response: last, body: [], records: [], lastPageSize: 0, token }), undefined);
});
