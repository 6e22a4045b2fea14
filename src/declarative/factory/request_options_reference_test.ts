/**
 * HttpRequester inputs that follow the reference's InterpolatedString / request-body rules (values checked by
 * running airbyte-cdk 7.x): url_base/url/path are `str()` of the literal-evaluated rendering, and a plain-text
 * `request_body_data` string is sent as is, without a content type.
 */
import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import type { FactoryContext } from "./context.ts";
import { compileRequestInputs, textBodyOf, toRequest } from "./request_options.ts";
import { requestVars } from "./slices.ts";
import { injectOption } from "../../pagination/request_option.ts";

const ctx = (config: Record<string, unknown> = {}): FactoryContext => ({
  config: config as FactoryContext["config"],
  components: {},
  streamCache: new Map(),
});
const vars = requestVars({ partition: { id: 7 }, cursor_slice: {} }, undefined);
const run = { stream: "s", ctx: { masker: { mask: (t: string) => t } } };

Deno.test("url_base: a quoted string literal loses its quotes (tiktok-marketing), like the reference", () => {
  const tiktok =
    `"https://{{ "sandbox-ads" if config.get('credentials', {}).get('auth_type', "") == "sandbox_access_token" ` +
    `else "business-api" }}.tiktok.com/open_api/v1.3/"`;
  const inputs = compileRequestInputs(
    ctx({ credentials: { auth_type: "oauth2.0" } }),
    { url_base: tiktok, path: "advertiser/info/" },
    ["r"],
  );
  strictEqual(inputs.url(vars), "https://business-api.tiktok.com/open_api/v1.3/advertiser/info/");
  const sandbox = compileRequestInputs(
    ctx({ credentials: { auth_type: "sandbox_access_token" } }),
    { url_base: tiktok, path: "report/" },
    ["r"],
  );
  strictEqual(sandbox.url(vars), "https://sandbox-ads.tiktok.com/open_api/v1.3/report/");
  // single quotes too, and a slice-dependent quoted url_base is evaluated per slice
  const single = compileRequestInputs(ctx(), { url_base: "'https://x.test/{{ stream_slice.id }}'" }, ["r"]);
  strictEqual(single.url(vars), "https://x.test/7");
});

Deno.test("url, url_base and path are str() of the literal-evaluated rendering", () => {
  // expected values printed by the reference: str(InterpolatedString.create(u, parameters={}).eval({}))
  const cases: [string, string][] = [
    ["2.50", "2.5"],
    ["1_0", "10"],
    ["0x10", "16"],
    [" 5 ", "5"],
    ["[1,2]", "[1, 2]"],
    ["True", "True"],
    ["https://x", "https://x"],
  ];
  for (const [source, expected] of cases) {
    const inputs = compileRequestInputs(ctx(), { url: source }, ["r"]);
    strictEqual(inputs.url(vars), expected, source);
  }
  // path: evaluated, then leading slashes stripped; a quoted path loses its quotes
  const quotedPath = compileRequestInputs(ctx({ p: "items" }), {
    url_base: "https://api.test/v1/",
    path: `"/{{ config.p }}/{{ stream_partition.id }}"`,
  }, ["r"]);
  strictEqual(quotedPath.url(vars), "https://api.test/v1/items/7");
  // an absent url_base falls back to url (+ path)
  const urlOnly = compileRequestInputs(ctx(), { url: "'https://api.test/all'", path: "x" }, ["r"]);
  strictEqual(urlOnly.url(vars), "https://api.test/all/x");
});

Deno.test("request_body_data as a plain-text string is sent as is, without a content type (bing-ads users)", async () => {
  const inputs = compileRequestInputs(ctx({ id: 5 }), {
    url_base: "https://api.test",
    http_method: "POST",
    request_body_data: '{"UserId": null, "n": {{ config.id }}}',
    request_headers: { "X-A": "1" },
  }, ["r"]);
  const parts = inputs.parts(vars);
  strictEqual(parts.form, undefined);
  strictEqual(textBodyOf(parts), '{"UserId": null, "n": 5}');
  parts.url = inputs.url(vars);
  const request = toRequest(parts, "POST", undefined, run);
  strictEqual(await request.text(), '{"UserId": null, "n": 5}');
  strictEqual(request.headers.get("content-type"), null);
  strictEqual(request.headers.get("x-a"), "1");
  // a form-looking string is not re-encoded either ("a=b c" keeps its space, no form content type)
  const formLike = compileRequestInputs(ctx(), {
    url_base: "https://api.test",
    http_method: "POST",
    request_body_data: "grant_type=x&scope=a b",
  }, ["r"]);
  const formParts = { ...formLike.parts(vars), url: "https://api.test/" };
  const sent = toRequest(formParts, "POST", undefined, run);
  strictEqual(await sent.text(), "grant_type=x&scope=a b");
  strictEqual(sent.headers.get("content-type"), null);
  // a header from the manifest is kept
  const typed = compileRequestInputs(ctx(), {
    url_base: "https://api.test",
    http_method: "POST",
    request_body_data: "<xml/>",
    request_headers: { "Content-Type": "application/xml" },
  }, ["r"]);
  const typedReq = toRequest({ ...typed.parts(vars), url: "https://api.test/" }, "POST", undefined, run);
  strictEqual(typedReq.headers.get("content-type"), "application/xml");
  strictEqual(await typedReq.text(), "<xml/>");
});

Deno.test("request_body_data string: GET sends no body; a Python literal dict becomes a form; other literals send nothing", async () => {
  const get = compileRequestInputs(ctx(), { url_base: "https://api.test", request_body_data: "raw" }, ["r"]);
  const getReq = toRequest({ ...get.parts(vars), url: "https://api.test/" }, "GET", undefined, run);
  strictEqual(getReq.body, null);
  // the reference literal-evaluates the string: a Python dict literal is a mapping (form-encoded)
  const dict = compileRequestInputs(ctx(), {
    url_base: "https://api.test",
    http_method: "POST",
    request_body_data: "{'a': 1, 'b': 'x y'}",
  }, ["r"]);
  const dictParts = dict.parts(vars);
  deepStrictEqual(dictParts.form, { a: "1", b: "x y" });
  strictEqual(textBodyOf(dictParts), undefined);
  // an int literal is neither a string nor a mapping: no body
  const num = compileRequestInputs(ctx(), {
    url_base: "https://api.test",
    http_method: "POST",
    request_body_data: "123",
  }, ["r"]);
  const numReq = toRequest({ ...num.parts(vars), url: "https://api.test/" }, "POST", undefined, run);
  strictEqual(await numReq.text(), "");
});

Deno.test("request_body_data string combined with injected body fields fails like the reference", () => {
  const inputs = compileRequestInputs(ctx(), {
    url_base: "https://api.test",
    http_method: "POST",
    request_body_data: "raw text",
  }, ["r"]);
  const parts = { ...inputs.parts(vars), url: "https://api.test/" };
  // a paginator/authenticator writing into body_data: the reference's combine_mappings refuses
  const withForm = injectOption(
    { ...parts, query: { ...parts.query }, headers: { ...parts.headers } },
    { injectInto: "body_data", fieldName: "page" },
    2,
  );
  strictEqual(textBodyOf(withForm), "raw text");
  throws(() => toRequest(withForm, "POST", undefined, run), /cannot be combined/);
  // a body_json field next to the text body: the reference's RequestBodyException
  const withJson = injectOption(
    { ...parts, query: { ...parts.query }, headers: { ...parts.headers } },
    { injectInto: "body_json", fieldName: "page" },
    2,
  );
  throws(() => toRequest(withJson, "POST", undefined, run), /only one of/);
});
