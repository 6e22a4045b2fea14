import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { SpoutError } from "../../errors.ts";
import { tokenize, unescapeString } from "./lexer.ts";

function kinds(src: string): string[] {
  return tokenize(src).map((
    t,
  ) => (t.type === "data" ? `data:${t.value}` : t.type === "op" || t.type === "name" ? t.value : t.type));
}

Deno.test("lexer: whitespace control strips around tags", () => {
  deepStrictEqual(kinds("a  {{- x -}}  b"), ["data:a", "var_begin", "x", "var_end", "data:b", "eof"]);
  deepStrictEqual(kinds("a \n{%- if x %} b"), [
    "data:a",
    "block_begin",
    "if",
    "x",
    "block_end",
    "data: b",
    "eof",
  ]);
});

Deno.test("lexer: raw blocks, comments and the trailing newline", () => {
  deepStrictEqual(kinds("{% raw %}{{ x }}{% endraw %}"), ["data:{{ x }}", "eof"]);
  deepStrictEqual(kinds("a{# c #}b\n"), ["data:a", "data:b", "eof"]);
  deepStrictEqual(kinds("a\r\nb"), ["data:a\nb", "eof"]);
});

Deno.test("lexer: closing braces inside dict literals do not end the output tag", () => {
  deepStrictEqual(kinds("{{ {'a': {'b': 1}} }}").filter((k) => k === "var_end").length, 1);
});

Deno.test("lexer: string escapes follow Python's unicode-escape (unknown escapes stay)", () => {
  strictEqual(unescapeString("\\d\\w\\n\\t\\x41\\u00e9\\101\\\\"), "\\d\\w\n\tAéA\\");
  strictEqual(tokenize("{{ '\\d+' }}")[1].value, "\\d+");
});

Deno.test("lexer: unbalanced brackets and unterminated strings are template errors", () => {
  for (const src of ["{{ a) }}", "{{ 'abc }}", "{{ (a }}", "{% if x"]) {
    throws(() => tokenize(src), (e: unknown) => e instanceof SpoutError && e.code === "template_error", src);
  }
});
