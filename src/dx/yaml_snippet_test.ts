import { deepStrictEqual } from "node:assert/strict";
import { parseDocument } from "../_deps/yaml.ts";
import { toYaml } from "./yaml_snippet.ts";

Deno.test("toYaml output parses back to the same data (quoting of templates, keywords, numbers-as-text)", () => {
  const value = {
    a: "plain",
    b: "{{ response['x'] }}",
    c: ["null", "string"],
    d: "true",
    e: "123",
    f: 1.5,
    g: false,
    h: null,
    i: [],
    j: {},
    "k:ey": "#not a comment",
    l: [{ x: 1, y: [1, 2] }, { z: "a: b" }],
    $schema: "http://json-schema.org/draft-07/schema#",
    m: " padded ",
    n: "",
  };
  deepStrictEqual(parseDocument(toYaml(value)).toJS(), value);
});
