import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { buildRequest, joinUrl, quotePlus } from "./request_builder.ts";

Deno.test("joinUrl matches the Python CDK's url_base/path joining", () => {
  strictEqual(joinUrl("https://example.com/api/", "endpoint"), "https://example.com/api/endpoint");
  strictEqual(joinUrl("https://example.com/api", "/endpoint"), "https://example.com/api/endpoint");
  strictEqual(joinUrl("https://example.com/api/", "https://other.com/x?a=1"), "https://other.com/x?a=1");
  strictEqual(joinUrl("https://example.com/api", ""), "https://example.com/api");
});

Deno.test("buildRequest appends query to an existing query and skips duplicates with the same value", () => {
  const req = buildRequest({
    path: "",
    url: "https://x.test/a?page=2&q=1",
    query: { page: "2", size: "10 20" },
    headers: {},
  }, {
    urlBase: "https://ignored.test",
  });
  strictEqual(req.url, "https://x.test/a?page=2&q=1&size=10+20");
});

Deno.test("buildRequest sends JSON like Python json.dumps and never a body on GET", async () => {
  const post = buildRequest({ path: "q", query: {}, headers: {}, json: { a: 1, b: ["x"] } }, {
    urlBase: "https://x.test",
    method: "POST",
  });
  strictEqual(await post.text(), '{"a": 1, "b": ["x"]}');
  const get = buildRequest({ path: "q", query: {}, headers: {}, json: { a: 1 } }, {
    urlBase: "https://x.test",
  });
  strictEqual(get.body, null);
  const form = buildRequest({ path: "q", query: {}, headers: {}, form: { a: "1 2" } }, {
    urlBase: "https://x.test",
    method: "POST",
  });
  deepStrictEqual([form.headers.get("content-type"), await form.text()], [
    "application/x-www-form-urlencoded",
    "a=1+2",
  ]);
  throws(() =>
    buildRequest({ path: "q", query: {}, headers: {}, json: { a: 1 }, form: { b: "2" } }, {
      urlBase: "https://x.test",
      method: "POST",
    })
  );
});

Deno.test("quotePlus: safe values pass unchanged, everything else is encoded like Python's quote_plus", () => {
  strictEqual(quotePlus("Abc-1_2.3~"), "Abc-1_2.3~");
  strictEqual(quotePlus(""), "");
  strictEqual(quotePlus("a b+c/d?e=f&g"), "a+b%2Bc%2Fd%3Fe%3Df%26g");
  strictEqual(quotePlus("!'()*"), "%21%27%28%29%2A");
  strictEqual(quotePlus("é"), "%C3%A9");
  const req = buildRequest({ path: "items", query: { offset: "100", "a b": "x/y" }, headers: {} }, {
    urlBase: "https://x.test/v1",
  });
  strictEqual(req.url, "https://x.test/v1/items?offset=100&a+b=x%2Fy");
});
