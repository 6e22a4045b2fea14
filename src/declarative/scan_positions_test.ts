import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "../_deps/yaml.ts";
import { scanPositions } from "./scan_positions.ts";

const FIXTURES = new URL("../../tests/fixtures/resolved/", import.meta.url);

/** Positions of every node according to the `yaml` package (a second, independent parser). */
function yamlPositions(text: string): Map<string, string> {
  const lc = new LineCounter();
  const doc = parseDocument(text, { version: "1.2", schema: "core", uniqueKeys: false, lineCounter: lc });
  const out = new Map<string, string>();
  const at = (offset: number) => {
    const p = lc.linePos(offset);
    return `${p.line}:${p.col}`;
  };
  const walk = (node: Node | null | undefined, path: string) => {
    if (!node || isAlias(node) || !node.range) return;
    if (!(isScalar(node) && node.value === null)) out.set(path, at(node.range[0]));
    if (isSeq(node)) node.items.forEach((item, i) => walk(item as Node, `${path}/${i}`));
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as Node;
        const k = `${path}/${String((key as { value?: unknown }).value)}`;
        out.set(`${k}#key`, at(key.range![0]));
        walk(pair.value as Node, k);
      }
    }
  };
  walk(doc.contents as Node, "");
  return out;
}

for (const name of ["source-yotpo", "source-google-sheets", "source-postmarkapp"]) {
  Deno.test(`scanPositions agrees with the yaml package on every node: ${name}`, async () => {
    const text = await Deno.readTextFile(new URL(`${name}.yaml`, FIXTURES));
    const expected = yamlPositions(text);
    const positions = scanPositions(text);
    let compared = 0;
    for (const [key, where] of expected) {
      const isKey = key.endsWith("#key");
      const path = (isKey ? key.slice(0, -4) : key).split("/").slice(1).map((
        s,
      ) => (/^\d+$/.test(s) ? Number(s) : s));
      const p = isKey ? positions.getKey(path) : positions.get(path);
      strictEqual(p && `${p.line}:${p.col}`, where, `${key}`);
      compared++;
    }
    ok(compared > 500, `compared ${compared}`);
  });
}

Deno.test("scanPositions handles flow collections, block scalars, comments, empty entries and a BOM", () => {
  const text = "\uFEFF# head\na: [x, [y, z]]  # c\nb: |\n  text\n  more\nc:\n  - \n  - {k: v}\nd:\ne: 'q'\n";
  const positions = scanPositions(text);
  const p = (...path: (string | number)[]) => {
    const v = positions.get(path);
    return v && [v.line, v.col];
  };
  deepStrictEqual(p("a"), [2, 4]);
  deepStrictEqual(p("a", 1, 1), [2, 12]);
  deepStrictEqual(p("b"), [3, 4]);
  deepStrictEqual(p("c", 1, "k"), [8, 9]);
  deepStrictEqual(p("d"), [9, 1]); // empty value: its key
  deepStrictEqual(p("e"), [10, 4]);
  deepStrictEqual(positions.getKey(["e"]), { line: 10, col: 1 });
});

Deno.test("scanPositions reports duplicate keys with both lines", () => {
  const warnings = scanPositions("a: 1\nb:\n  x: 1\n  x: 2\n").duplicateKeys();
  strictEqual(warnings.length, 1);
  deepStrictEqual(warnings[0].path, ["b", "x"]);
  deepStrictEqual(warnings[0].pos, { line: 4, col: 3 });
  strictEqual(warnings[0].message, 'duplicate key "x" (first at line 3): the later value wins');
});
