import { deepStrictEqual, match, strictEqual } from "node:assert/strict";
import { parseXml, xmlDecoder } from "./xml.ts";
import { collect, decodeError } from "./_test_util.ts";

// Expected values were produced with xmltodict.parse (used by Airbyte's XmlDecoder).
const cases: [string, unknown][] = [
  ["<a>hello <b>x</b> world</a>", { a: { b: "x", "#text": "hello  world" } }],
  ['<a x="1">t</a>', { a: { "@x": "1", "#text": "t" } }],
  ['<a><b/><b>2</b><c x="1"/></a>', { a: { b: [null, "2"], c: { "@x": "1" } } }],
  ["<a> <b>  x  </b> </a>", { a: { b: "x" } }],
  ['<r xmlns:ns="u"><ns:i ns:k="v">1</ns:i></r>', {
    r: { "@xmlns:ns": "u", "ns:i": { "@ns:k": "v", "#text": "1" } },
  }],
  ["<a>&lt;&amp;&#65;&#x42;</a>", { a: "<&AB" }],
  ["<a><![CDATA[<x>]]>y</a>", { a: "<x>y" }],
  ['<a b="1&#10;2\n3\t4"/>', { a: { "@b": "1\n2 3 4" } }],
  ["<a/>", { a: null }],
  ["<a><!-- c --><b>1</b><?pi x?></a>", { a: { b: "1" } }],
  ["<a><b>1</b>t<b>2</b></a>", { a: { b: ["1", "2"], "#text": "t" } }],
  ['<a><b x="1">t</b><b>2</b></a>', { a: { b: [{ "@x": "1", "#text": "t" }, "2"] } }],
  ['<?xml version="1.0"?>\n<!DOCTYPE a>\n<a>1</a>\n', { a: "1" }],
];

Deno.test("xml: xmltodict-compatible output", () => {
  for (const [xml, expected] of cases) deepStrictEqual(parseXml(xml), expected, xml);
});

Deno.test("xml: malformed, truncated, empty and entity-expanding input is rejected", async () => {
  const bad: [string, RegExp][] = [
    ["", /no document element/],
    ["<a>", /unclosed element <a>/],
    ["<a></a><b/>", /junk after/],
    ["<a></b>", /mismatched/],
    ["<a>&nbsp;</a>", /undefined entity/],
    ['<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', /internal subset/],
    ["<a x=1/>", /unquoted/],
    ["<html><body>oops", /unclosed element/],
    ['<!DOCTYPE a SYSTEM "file:///etc/passwd"><a>&xxe;</a>', /undefined entity/],
    ["<a>AT&T</a>", /entity/],
  ];
  for (const [xml, re] of bad) match(await decodeError(collect(xmlDecoder(), new Response(xml))), re, xml);
  match(await decodeError(collect(xmlDecoder(), new Response("<a>".repeat(600)))), /deeper than 512/);
});

Deno.test("xml: element names cannot pollute prototypes", () => {
  const doc = parseXml("<r><__proto__><polluted>1</polluted></__proto__></r>") as {
    r: Record<string, unknown>;
  };
  strictEqual(({} as Record<string, unknown>).polluted, undefined);
  deepStrictEqual(Object.keys(doc.r), ["__proto__"]);
  deepStrictEqual(JSON.stringify(doc), '{"r":{"__proto__":{"polluted":"1"}}}');
});

Deno.test("xml: the declaration's encoding is used when the response has no charset", async () => {
  const head = new TextEncoder().encode('<?xml version="1.0" encoding="ISO-8859-1"?><a>caf');
  const body = new Uint8Array([...head, 0xe9, ...new TextEncoder().encode("</a>")]);
  deepStrictEqual(await collect(xmlDecoder(), new Response(body)), [{ a: "café" }]);
});
