import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { compileTemplate } from "./template.ts";
import { CaseInsensitiveDict } from "./py_value.ts";

// fetch lowercases header names; templates written against requests use both "Link" and "link".
const headers = CaseInsensitiveDict.fromHeaders(
  new Headers({ Link: '<https://api.example.com/x?page=2>; rel="next"', "X-Total-Count": "42" }),
  { link: { next: { url: "https://api.example.com/x?page=2", rel: "next" } } },
);
const vars = { config: {}, headers };

function evaluate(src: string): unknown {
  return compileTemplate(src).evaluate(vars);
}

Deno.test("headers: case-insensitive lookups, exact extras first (CursorPagination's parsed link)", () => {
  strictEqual(
    evaluate('{{ headers.get("Link", {}).split(";")[0][1:-1] }}'),
    "https://api.example.com/x?page=2",
  );
  strictEqual(evaluate("{{ headers['link']['next']['url'] }}"), "https://api.example.com/x?page=2");
  strictEqual(evaluate("{{ headers.get('link', {}).get('next') is none }}"), false);
  strictEqual(evaluate("{{ headers['x-total-count'] | int }}"), 42);
  strictEqual(evaluate("{{ headers.get('X-TOTAL-COUNT') }}"), 42);
  strictEqual(evaluate("{{ 'X-Total-Count' in headers }} {{ 'nope' in headers }}"), "True False");
  strictEqual(evaluate("{{ headers.get('nope', 'dflt') }}"), "dflt");
  strictEqual(evaluate("{{ headers | length }}"), 3);
  deepStrictEqual(evaluate("{{ headers.keys() | list }}"), ["Link", "X-Total-Count", "link"]);
});

Deno.test("headers: fetch Headers passed directly are read case-insensitively", () => {
  const t = compileTemplate("{{ headers.get('X-Next-Cursor') }}|{{ headers['content-type'] }}");
  const h = new Headers({ "x-next-cursor": "abc", "Content-Type": "application/json" });
  strictEqual(t.render({ config: {}, headers: h }), "abc|application/json");
});
