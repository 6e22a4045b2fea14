/**
 * Column-name conversion of source-google-sheets (`names_conversion` and its sanitisation options), as the
 * Python connector does it: transliterate to ASCII, split into word/number tokens, join with `_`, lower-case.
 *
 * Transliteration: the reference uses the `unidecode` package. This port decomposes accented letters (NFKD,
 * marks dropped) and maps a few common letters (`ß`, `æ`, `ø`, `œ`, `ł`, `đ`, `þ`, `ð`); other non-ASCII
 * characters (CJK, Cyrillic, …) are dropped where unidecode would spell them out.
 * @module
 */

const TOKEN_PATTERN = /[A-Z]+[a-z]*|[a-z]+|\d+|([^a-zA-Z\d]+)/g;
const SPECIAL: Readonly<Record<string, string>> = {
  "ß": "ss",
  "æ": "ae",
  "Æ": "AE",
  "ø": "o",
  "Ø": "O",
  "œ": "oe",
  "Œ": "OE",
  "ł": "l",
  "Ł": "L",
  "đ": "d",
  "Đ": "D",
  "þ": "th",
  "Þ": "Th",
  "ð": "d",
  "Ð": "D",
};

/**
 * ASCII transliteration (see the module doc for how it differs from unidecode).
 *
 * @example
 * ```ts
 * import { toAscii } from "./names.ts";
 * if (toAscii("Café Straße") !== "Cafe Strasse") throw new Error(toAscii("Café Straße"));
 * ```
 */
export function toAscii(text: string): string {
  let out = "";
  for (const ch of text) {
    if (ch.charCodeAt(0) < 128) out += ch;
    else if (SPECIAL[ch] !== undefined) out += SPECIAL[ch];
    else {
      for (const part of ch.normalize("NFKD")) if (part.charCodeAt(0) < 128) out += part;
    }
  }
  return out;
}

function tokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(TOKEN_PATTERN)) out.push(m[1] === undefined ? m[0] : "");
  return out;
}

const isDigits = (t: string) => /^\d+$/.test(t);
const isAlpha = (t: string) => /^[A-Za-z]+$/.test(t);

/**
 * The legacy conversion (`names_conversion` alone): `'1MyName'` -> `'_1_my_name'`.
 *
 * @example
 * ```ts
 * import { nameConversion } from "./names.ts";
 * if (nameConversion("1MyName") !== "_1_my_name") throw 1;
 * if (nameConversion("Example ID*") !== "example_id_") throw 2;
 * ```
 */
export function nameConversion(text: string): string {
  let list = tokens(toAscii(text));
  if (list.length >= 3) list = [list[0], ...list.slice(1, -1).filter((t) => t), list[list.length - 1]];
  if (list.length && isDigits(list[0])) list.unshift("");
  return list.join("_").toLowerCase();
}

/** The sanitisation options of the spec. */
export interface SanitizationFlags {
  remove_leading_trailing_underscores?: boolean;
  combine_number_word_pairs?: boolean;
  remove_special_characters?: boolean;
  combine_letter_number_pairs?: boolean;
  allow_leading_numbers?: boolean;
}

/**
 * The configurable conversion (any sanitisation option set).
 *
 * @example
 * ```ts
 * import { sanitize } from "./names.ts";
 * if (sanitize("50th Percentile?", { combine_number_word_pairs: true }) !== "_50th_percentile_") throw 1;
 * if (sanitize("Q3 2023", { combine_letter_number_pairs: true }) !== "q3_2023") throw 2;
 * if (sanitize("Example ID*", { remove_special_characters: true }) !== "example_id") throw 3;
 * ```
 */
export function sanitize(text: string, flags: SanitizationFlags): string {
  let ascii = toAscii(text);
  if (flags.remove_special_characters) ascii = ascii.replace(/[^\w\s]/g, "");
  const list = tokens(ascii);
  const combined: string[] = [];
  for (let i = 0; i < list.length;) {
    const [a, b] = [list[i], list[i + 1]];
    if (flags.combine_letter_number_pairs && b !== undefined && a && isAlpha(a) && b && isDigits(b)) {
      combined.push(a + b);
      i += 2;
    } else if (flags.combine_number_word_pairs && b !== undefined && a && isDigits(a) && b && isAlpha(b)) {
      combined.push(a + b);
      i += 2;
    } else {
      combined.push(a);
      i += 1;
    }
  }
  const firstIdx = combined.findIndex((t) => t);
  let processed = combined;
  if (firstIdx >= 0) {
    let lastIdx = combined.length - 1;
    while (!combined[lastIdx]) lastIdx--;
    processed = [
      ...combined.slice(0, firstIdx),
      ...combined.slice(firstIdx, lastIdx + 1).filter((t) => t),
      ...combined.slice(lastIdx + 1),
    ];
  }
  let result = processed.join("_");
  if (flags.remove_leading_trailing_underscores) result = result.replace(/^_+|_+$/g, "");
  if (!flags.allow_leading_numbers && result && /^\d/.test(result)) result = "_" + result;
  return result.toLowerCase();
}

/**
 * A header name converted for `names_conversion` (sanitised when any flag is set); throws when the result is
 * empty, as the reference does.
 *
 * @example
 * ```ts
 * import { convertName } from "./names.ts";
 * if (convertName("Order Date", {}) !== "order_date") throw 1;
 * let failed = false;
 * try { convertName("*", { remove_special_characters: true }); } catch { failed = true; }
 * if (!failed) throw 2;
 * ```
 */
export function convertName(text: string, flags: SanitizationFlags): string {
  if (Object.values(flags).some(Boolean)) {
    const out = sanitize(text, flags);
    if (!out || out === "_") throw new Error(`initial string '${text}' converted to empty`);
    return out;
  }
  if (!text) return text;
  const out = nameConversion(text);
  if (!out) throw new Error(`initial string '${text}' converted to empty`);
  return out;
}
