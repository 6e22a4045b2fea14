import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { propagateTypesAndParameters, pyTruthy } from "./parameters.ts";

type Obj = Record<string, unknown>;
const get = (o: unknown, ...keys: (string | number)[]): unknown =>
  keys.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], o);

Deno.test("default types follow ParentType.field, including lists", () => {
  const out = propagateTypesAndParameters("", {
    type: "DeclarativeSource",
    check: { stream_names: ["a"] },
    streams: [{
      retriever: {
        requester: { error_handler: { response_filters: [{ action: "IGNORE" }] } },
        record_selector: { extractor: { field_path: [] } },
      },
      transformations: [{ type: "AddFields", fields: [{ path: ["x"], value: "1" }] }],
    }],
  }, {});
  strictEqual(get(out, "check", "type"), "CheckStream");
  strictEqual(get(out, "streams", 0, "type"), "DeclarativeStream");
  strictEqual(get(out, "streams", 0, "retriever", "type"), "SimpleRetriever");
  strictEqual(get(out, "streams", 0, "retriever", "requester", "type"), "HttpRequester");
  strictEqual(
    get(out, "streams", 0, "retriever", "requester", "error_handler", "type"),
    "DefaultErrorHandler",
  );
  strictEqual(
    get(out, "streams", 0, "retriever", "requester", "error_handler", "response_filters", 0, "type"),
    "HttpResponseFilter",
  );
  strictEqual(get(out, "streams", 0, "retriever", "record_selector", "extractor", "type"), "DpathExtractor");
  strictEqual(get(out, "streams", 0, "transformations", 0, "fields", 0, "type"), "AddedFieldDefinition");
});

Deno.test("no default where the reference has none (page_token_option may be RequestOption or RequestPath)", () => {
  const out = propagateTypesAndParameters("SimpleRetriever.paginator", {
    type: "DefaultPaginator",
    page_token_option: { inject_into: "request_parameter", field_name: "page" },
    page_size_option: { inject_into: "request_parameter", field_name: "size" },
  }, {});
  strictEqual(get(out, "page_token_option", "type"), undefined);
  strictEqual(get(out, "page_size_option", "type"), "RequestOption");
});

Deno.test("custom components get the custom default type", () => {
  const out = propagateTypesAndParameters("HttpRequester.authenticator", { class_name: "a.B" }, {});
  strictEqual(out.type, "CustomAuthenticator");
});

Deno.test("parameters propagate down, child overrides parent, and are written onto fields", () => {
  const out = propagateTypesAndParameters("DeclarativeSource.streams", {
    $parameters: { name: "users", path: "/users", primary_key: "id" },
    retriever: {
      $parameters: { path: "/v2/users" },
      requester: { url_base: "https://x" },
    },
  }, {});
  strictEqual(out.name, "users");
  strictEqual(out.primary_key, "id");
  const requester = get(out, "retriever", "requester") as Obj;
  strictEqual(requester.path, "/v2/users");
  strictEqual(requester.name, "users");
  deepStrictEqual(requester.$parameters, { name: "users", path: "/v2/users", primary_key: "id" });
  deepStrictEqual(out.$parameters, { name: "users", path: "/users", primary_key: "id" });
});

Deno.test("existing truthy fields win over parameters; falsy ones are replaced (Python `or`)", () => {
  const out = propagateTypesAndParameters("X", {
    type: "HttpRequester",
    path: "/own",
    http_method: "",
    request_parameters: {},
    $parameters: { path: "/param", http_method: "POST", request_parameters: { a: "1" } },
  }, {});
  strictEqual(out.path, "/own");
  strictEqual(out.http_method, "POST");
  deepStrictEqual(out.request_parameters, { a: "1" });
});

Deno.test("useParentParameters makes the parent's values win", () => {
  const out = propagateTypesAndParameters("", { type: "DeclarativeStream", $parameters: { name: "child" } }, {
    name: "parent",
  }, true);
  strictEqual(out.name, "parent");
});

Deno.test("a parameter named like a field is not passed into that field's components", () => {
  const out = propagateTypesAndParameters("", {
    type: "SimpleRetriever",
    $parameters: { requester: "x", name: "s" },
    requester: { type: "HttpRequester" },
  }, {});
  const requester = get(out, "requester") as Obj;
  deepStrictEqual(requester.$parameters, { name: "s" });
  deepStrictEqual(out.$parameters, { name: "s", requester: "x" });
});

Deno.test("JSON schemas are left alone, untyped objects pass parameters only to typed children", () => {
  const schema = { type: "object", properties: { id: { type: "string" } } };
  const out = propagateTypesAndParameters("", {
    type: "InlineSchemaLoader",
    schema,
    $parameters: { name: "s" },
    request_parameters: { plain: { a: 1 }, query: { type: "QueryProperties", x: 1 } },
  }, {});
  deepStrictEqual(out.schema, schema);
  const rp = out.request_parameters as Obj;
  deepStrictEqual(rp.plain, { a: 1 });
  deepStrictEqual(rp.query, { type: "QueryProperties", x: 1, name: "s", $parameters: { name: "s" } });
});

Deno.test("the input is not modified", () => {
  const input = { type: "DeclarativeStream", $parameters: { name: "a" }, retriever: { x: [{ y: 1 }] } };
  const before = JSON.stringify(input);
  propagateTypesAndParameters("", input, {});
  strictEqual(JSON.stringify(input), before);
});

Deno.test("pyTruthy follows Python", () => {
  deepStrictEqual([0, "", false, null, [], {}].map(pyTruthy), [false, false, false, false, false, false]);
  deepStrictEqual([1, "a", true, [0], { a: 0 }].map(pyTruthy), [true, true, true, true, true]);
});
