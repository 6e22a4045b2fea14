/**
 * Translates Python `re` patterns and replacement strings to JS equivalents (named groups, `\A`, `\Z`,
 * leading inline flags, `\g<name>` replacements).
 * @module
 */

import { PyError } from "./py_value.ts";

const cache = new Map<string, RegExp>();

/**
 * Compiles a Python regex as a JS RegExp (global when `global` is true).
 *
 * @example
 * ```ts
 * import { pyRegex } from "./py_regex.ts";
 * if (!pyRegex("(?P<y>\\d{4})\\Z", false).test("in 2024")) throw new Error("bad");
 * ```
 */
export function pyRegex(pattern: string, global: boolean): RegExp {
  const key = (global ? "g:" : "s:") + pattern;
  const hit = cache.get(key);
  if (hit) {
    hit.lastIndex = 0;
    return hit;
  }
  let src = pattern;
  let flags = global ? "g" : "";
  const inline = /^\(\?([aiLmsux]+)\)/.exec(src);
  if (inline) {
    src = src.slice(inline[0].length);
    for (const f of inline[1]) if ("ims".includes(f) && !flags.includes(f)) flags += f;
  }
  src = src
    .replace(/\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/g, "(?<$1>")
    .replace(/\(\?P=([A-Za-z_][A-Za-z0-9_]*)\)/g, "\\k<$1>")
    .replace(/(^|[^\\])((?:\\\\)*)\\A/g, "$1$2^")
    .replace(/(^|[^\\])((?:\\\\)*)\\Z/g, "$1$2$(?![\\s\\S])");
  let re: RegExp;
  try {
    re = new RegExp(src, flags);
  } catch (e) {
    throw new PyError(
      "ValueError",
      `invalid regular expression ${JSON.stringify(pattern)}: ${(e as Error).message}`,
    );
  }
  if (cache.size > 500) cache.clear();
  cache.set(key, re);
  return re;
}

/** Expands a Python `re.sub` replacement template for one match. */
export function expandReplacement(
  template: string,
  match: RegExpExecArray | string[],
  groups?: Record<string, string>,
): string {
  return template.replace(/\\(g<([^>]+)>|\d{1,2}|[\\nrtabfv])/g, (_m, what: string, gname?: string) => {
    if (gname !== undefined) {
      if (/^\d+$/.test(gname)) return match[Number(gname)] ?? "";
      if (!groups || !(gname in groups)) throw new PyError("IndexError", `unknown group name '${gname}'`);
      return groups[gname] ?? "";
    }
    if (/^\d+$/.test(what)) {
      const n = Number(what);
      if (n >= match.length) throw new PyError("ValueError", `invalid group reference ${n}`);
      return match[n] ?? "";
    }
    const map: Record<string, string> = {
      "\\": "\\",
      n: "\n",
      r: "\r",
      t: "\t",
      a: "\x07",
      b: "\b",
      f: "\f",
      v: "\v",
    };
    return map[what];
  });
}
