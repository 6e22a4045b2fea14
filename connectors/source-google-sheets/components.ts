/**
 * Custom components of the corpus manifest `source-google-sheets.yaml` (unchanged), in TypeScript.
 *
 * `RangePartitionRouter`: rows 2..`row_count` (row 1 holds the headers) in batches of `batch_size`, one
 * partition `{start_range, end_range}` each (`$parameters` set by the dynamic stream mapping).
 *
 * `DpathSchemaExtractor` (schema loader): the header row cells; each header name is parsed (empty headers end
 * the columns, or become `column_<letter>` with `read_empty_header_columns`), converted with
 * `names_conversion` (see `names.ts`) and de-duplicated (`<name>_<letter>1`).
 *
 * `DpathSchemaMatchingExtractor`: `values` rows matched by position to the parsed headers of
 * `$parameters.properties_to_match`; empty cells are left out, empty rows and rows without a value under any
 * header are skipped.
 *
 * `GridDataErrorHandler`: a 500 on an `includeGridData=true` request is checked by asking the same URL with
 * `includeGridData=false`: 200 means the sheet's grid data is unreadable, so it is skipped (IGNORE); anything
 * else is retried. Other responses go to the next handler; errors without a response to the
 * DefaultErrorHandler of its fields.
 * @module
 */
import { type ComponentContext, defineComponents } from "../../src/declarative/components.ts";
import type { ErrorHandler } from "../../src/http/error_handler.ts";
import { isObject, type JsonObject } from "../../src/types.ts";
import { convertName, type SanitizationFlags } from "./names.ts";

/**
 * A 0-based column index as a sheet column label (A, B, …, Z, AA, …).
 *
 * @example
 * ```ts
 * import { columnLabel } from "./components.ts";
 * if ([0, 25, 26, 701, 702].map(columnLabel).join() !== "A,Z,AA,ZZ,AAA") throw new Error();
 * ```
 */
export function columnLabel(index: number): string {
  let label = "";
  let n = index + 1;
  while (n > 0) {
    n -= 1;
    label = String.fromCharCode(65 + (n % 26)) + label;
    n = Math.floor(n / 26);
  }
  return label;
}

type Obj = { [key: string]: unknown };
type Path = readonly string[];

function getPath(value: unknown, path: Path): unknown {
  let node = value;
  for (const key of path) {
    if (Array.isArray(node) && /^\d+$/.test(key)) node = node[Number(key)];
    else if (isObject(node)) node = node[key];
    else return undefined;
  }
  return node;
}

function setPath(target: unknown, path: Path, value: unknown): void {
  if (path.length === 0) return;
  const parent = getPath(target, path.slice(0, -1));
  const last = path[path.length - 1];
  // dpath.set only replaces existing keys
  if (isObject(parent) && last in parent) parent[last] = value;
}

function pathOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** How header cells are read: where the cells are and where a cell's text is. */
export interface SchemaTypeIdentifier {
  schema_pointer?: unknown;
  key_pointer?: unknown;
}

/**
 * The headers of one header row: `[columnIndex, name, cell]` for each column kept.
 *
 * @example
 * ```ts
 * import { parseHeaders } from "./components.ts";
 * const row = { values: [{ formattedValue: "a" }, { formattedValue: "a" }, {}, { formattedValue: "z" }] };
 * const names = parseHeaders(row, { schema_pointer: ["values"], key_pointer: ["formattedValue"] }, {});
 * if (names.map((h) => h[1]).join() !== "a_A1,a_B1") throw new Error(names.map((h) => h[1]).join());
 * ```
 */
export function parseHeaders(
  row: unknown,
  identifier: SchemaTypeIdentifier,
  config: JsonObject,
): [number, string, unknown][] {
  const schemaPointer = pathOf(identifier.schema_pointer);
  const keyPointer = pathOf(identifier.key_pointer);
  const cells = schemaPointer.length ? getPath(row, schemaPointer) ?? [] : row;
  const flags: SanitizationFlags = {
    remove_leading_trailing_underscores: Boolean(config.remove_leading_trailing_underscores),
    combine_number_word_pairs: Boolean(config.combine_number_word_pairs),
    remove_special_characters: Boolean(config.remove_special_characters),
    combine_letter_number_pairs: Boolean(config.combine_letter_number_pairs),
    allow_leading_numbers: Boolean(config.allow_leading_numbers),
  };
  const convert = Boolean(config.names_conversion);
  const parsed: [number, string, unknown][] = [];
  const list = Array.isArray(cells) ? cells : [];
  for (let index = 0; index < list.length; index++) {
    const cell = list[index];
    const raw = keyPointer.length ? getPath(cell, keyPointer) : cell;
    let name = typeof raw === "string" ? raw : raw === undefined || raw === null ? "" : String(raw);
    if (!name || name.trim() === "") {
      if (!config.read_empty_header_columns) break;
      name = `column_${columnLabel(index)}`;
    }
    if (convert) name = convertName(name, flags);
    parsed.push([index, name, cell]);
  }
  const counts = new Map<string, number>();
  for (const [, name] of parsed) counts.set(name, (counts.get(name) ?? 0) + 1);
  return parsed.map(([index, name, cell]) =>
    (counts.get(name) ?? 0) > 1 ? [index, `${name}_${columnLabel(index)}1`, cell] : [index, name, cell]
  );
}

function identifierOf(ctx: ComponentContext, options: Obj): SchemaTypeIdentifier {
  const own = isObject(options.parameters) ? options.parameters : {};
  const value = ctx.parameters.schema_type_identifier ?? own.schema_type_identifier;
  return isObject(value) ? value : {};
}

function parameter(ctx: ComponentContext, options: Obj, key: string): unknown {
  const own = isObject(options.parameters) ? options.parameters : {};
  return ctx.parameters[key] ?? own[key];
}

function blank(cell: unknown): boolean {
  return String(cell ?? "").trim() === "";
}

/** The registry passed with `--components connectors/source-google-sheets/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.RangePartitionRouter": {
    kind: "partition_router",
    create(_options, ctx) {
      const rows = Number(ctx.parameters.row_count ?? 0);
      const batch = Number(ctx.parameters.batch_size ?? 1000000);
      return {
        *partitions() {
          for (let start = 2; start <= rows;) {
            const end = start + batch;
            yield { partition: { start_range: start, end_range: end }, cursor_slice: {} };
            start = end + 1;
          }
        },
      };
    },
  },
  "source_declarative_manifest.components.DpathSchemaExtractor": {
    kind: "record_extractor",
    create(options, ctx) {
      const extract = ctx.build("record_extractor", {
        type: "DpathExtractor",
        field_path: options.field_path ?? [],
      });
      const identifier = identifierOf(ctx, options);
      const keyPointer = pathOf(identifier.key_pointer);
      const schemaPointer = pathOf(identifier.schema_pointer);
      return (document) => {
        const out: unknown[] = [];
        const kept: unknown[] = [];
        for (const row of extract(document)) {
          for (const [, name, cell] of parseHeaders(row, identifier, ctx.config)) {
            setPath(cell, keyPointer, name);
            kept.push(cell);
          }
          if (schemaPointer.length && isObject(row)) setPath(row, schemaPointer, [...kept]);
          out.push(row);
        }
        return out;
      };
    },
  },
  "source_declarative_manifest.components.DpathSchemaMatchingExtractor": {
    kind: "record_extractor",
    create(options, ctx) {
      const extract = ctx.build("record_extractor", {
        type: "DpathExtractor",
        field_path: options.field_path ?? [],
      });
      const valuesKey = String(parameter(ctx, options, "values_to_match_key"));
      const headers = parseHeaders(
        parameter(ctx, options, "properties_to_match") ?? {},
        identifierOf(ctx, options),
        ctx.config,
      );
      const indexed = new Map(headers.map(([index, name]) => [index, name]));
      const indices = [...indexed.keys()].sort((a, b) => a - b);
      return (document) => {
        const out: Obj[] = [];
        for (const range of extract(document)) {
          const rows = isObject(range) && Array.isArray(range[valuesKey]) ? range[valuesKey] : [];
          for (const row of rows as unknown[][]) {
            if (!Array.isArray(row) || row.every(blank)) continue;
            if (!indices.some((i) => i < row.length && !blank(row[i]))) continue;
            const record: Obj = {};
            for (const i of indices) {
              if (i >= row.length) break;
              if (!blank(row[i])) record[indexed.get(i)!] = row[i];
            }
            out.push(record);
          }
        }
        return out;
      };
    },
  },
  "source_declarative_manifest.components.GridDataErrorHandler": {
    kind: "error_handler",
    create(options, ctx): ErrorHandler {
      const base = ctx.build("error_handler", { ...options, type: "DefaultErrorHandler" });
      return {
        backoff: base.backoff,
        maxRetries: base.maxRetries,
        maxTimeMs: base.maxTimeMs,
        async interpret(input) {
          if (!input.response) return base.interpret(input);
          const url = input.request.url;
          if (input.response.status !== 500 || !url.includes("includeGridData=true")) return undefined;
          const sheet = /ranges=([^!&]+)/.exec(url)?.[1] ?? "unknown";
          try {
            const alt = await ctx.env.fetch(
              new Request(url.replace("includeGridData=true", "includeGridData=false"), {
                headers: input.request.headers,
                signal: AbortSignal.timeout(30_000),
              }),
            );
            await alt.body?.cancel();
            if (alt.status === 200) {
              ctx.env.log(
                "WARN",
                `Sheet '${sheet}' has corrupt or incompatible grid data and will be skipped.`,
              );
              return { action: "IGNORE", message: `Skipping sheet '${sheet}' due to corrupt grid data` };
            }
            return {
              action: "RETRY",
              failureType: "transient_error",
              message: "Internal server error encountered. Retrying with backoff.",
            };
          } catch (error) {
            return {
              action: "RETRY",
              failureType: "transient_error",
              message: `Internal server error encountered: ${
                (error as Error).message
              }. Retrying with backoff.`,
            };
          }
        },
      };
    },
  },
});

export default components;
