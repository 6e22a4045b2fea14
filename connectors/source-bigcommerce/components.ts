/**
 * Custom components of the corpus manifest `source-bigcommerce.yaml` (unchanged), in TypeScript.
 *
 * `DateTimeTransformer`: BigCommerce's v2 API (orders) writes dates in RFC 2822 form
 * (`Tue, 20 Nov 2018 21:53:45 +0000`), while the stream's cursor reads `%Y-%m-%dT%H:%M:%SZ` or
 * `%Y-%m-%dT%H:%M:%S+00:00`. For each of `fields` (`path` + `value` template, like AddFields), the rendered
 * value is rewritten as UTC `YYYY-MM-DDTHH:MM:SS+00:00`; values that are not dates are left unchanged.
 * @module
 */
import { defineComponents } from "../../src/declarative/components.ts";
import { isObject, type RecordData } from "../../src/types.ts";

const RFC2822 =
  /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*(?:([+-])(\d{2})(\d{2})|GMT|UTC|Z)?$/;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** `Tue, 20 Nov 2018 21:53:45 +0100` -> `2018-11-20T20:53:45+00:00`; undefined when not RFC 2822. */
export function rfc2822ToIso(text: string): string | undefined {
  const m = RFC2822.exec(text.trim());
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[2].toLowerCase());
  if (month < 0) return undefined;
  const offset = m[7] ? (m[7] === "-" ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9])) : 0;
  const ms = Date.UTC(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)) -
    offset * 60_000;
  if (!Number.isFinite(ms)) return undefined;
  return new Date(ms).toISOString().slice(0, 19) + "+00:00";
}

/** The registry passed with `--components connectors/source-bigcommerce/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.DateTimeTransformer": {
    kind: "transformation",
    create(options, ctx) {
      const fields = (Array.isArray(options.fields) ? options.fields : []).filter(isObject).map((f) => ({
        path: (Array.isArray(f.path) ? f.path : []).map(String),
        value: ctx.template(f.value),
      }));
      return (record, tctx) => {
        for (const field of fields) {
          if (field.path.length === 0) continue;
          const rendered = field.value.eval({ record, stream_slice: tctx?.streamSlice ?? {} });
          if (typeof rendered !== "string") continue;
          let target: RecordData = record;
          for (const key of field.path.slice(0, -1)) {
            if (!isObject(target[key])) target[key] = {};
            target = target[key] as RecordData;
          }
          target[field.path[field.path.length - 1]] = rfc2822ToIso(rendered) ?? rendered;
        }
      };
    },
  },
});

export default components;
