/**
 * Custom components of the corpus manifest `source-notion.yaml` (unchanged), in TypeScript.
 *
 * `NotionPropertiesTransformation`: a page's `properties` map becomes a list `[{name, value}]` in key order.
 *
 * `NotionUserTransformation`: a bot user's `bot.owner.{type}` object moves to `bot.owner.info` (when the owner
 * has a `type` and a non-empty value under it).
 *
 * `BlocksRetriever`: the manifest's SimpleRetriever fields read the children of each page; every block with
 * `has_children` has its own children read (slice `{block_id, parent_slice: {}}`, same cursor slice) before
 * the block itself is yielded, down to 30 levels below the page. A block that has a `parent` gets
 * `parent.sequence_number` (its position among the records of its own request pages, after the record
 * filter). Blocks whose `last_edited_time` is before the slice's `start_time` are dropped (the reference's
 * client-side incremental check: unparsable times are kept).
 * @module
 */
import { defineComponents, type Retriever } from "../../src/declarative/components.ts";
import type { SliceCursor } from "../../src/incremental/types.ts";
import type { ReadContext, StreamSlice } from "../../src/source/types.ts";
import { isObject, type RecordData } from "../../src/types.ts";

/** Deepest child level read below a page (levels 0..30). */
export const MAX_BLOCK_DEPTH = 30;

/**
 * `properties: {name: value}` -> `[{name, value}]` (missing or non-object properties give `[]`).
 *
 * @example
 * ```ts
 * import { propertiesToList } from "./components.ts";
 * const r = propertiesToList({ id: "p", properties: { Title: { t: 1 }, Done: { c: true } } });
 * if (JSON.stringify(r.properties) !== '[{"name":"Title","value":{"t":1}},{"name":"Done","value":{"c":true}}]') {
 *   throw new Error(JSON.stringify(r));
 * }
 * ```
 */
export function propertiesToList(record: RecordData): RecordData {
  const properties = isObject(record.properties) ? record.properties : {};
  record.properties = Object.entries(properties).map(([name, value]) => ({ name, value }));
  return record;
}

/**
 * Moves a bot owner's `{type}` object to `info`.
 *
 * @example
 * ```ts
 * import { moveBotOwnerInfo } from "./components.ts";
 * const r = moveBotOwnerInfo({ bot: { owner: { type: "workspace", workspace: true } } });
 * if (JSON.stringify(r) !== '{"bot":{"owner":{"type":"workspace","info":true}}}') throw new Error(JSON.stringify(r));
 * ```
 */
export function moveBotOwnerInfo(record: RecordData): RecordData {
  const bot = isObject(record.bot) ? record.bot : undefined;
  const owner = bot && isObject(bot.owner) ? bot.owner : undefined;
  if (!owner || Object.keys(owner).length === 0) return record;
  const type = owner.type;
  const info = typeof type === "string" ? owner[type] : undefined;
  if (type && truthy(info)) {
    owner.info = info;
    delete owner[type as string];
  }
  return record;
}

function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return Object.keys(value).length > 0;
  return Boolean(value);
}

const NOTION_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{1,6})Z$/;

/** `%Y-%m-%dT%H:%M:%S.%fZ` as a comparable key, or undefined when it does not parse. */
function timeKey(value: string): string | undefined {
  const m = NOTION_TIME.exec(value);
  if (!m) return undefined;
  const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6]].map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 61) {
    return undefined;
  }
  return `${m[1]}${m[2]}${m[3]}${m[4]}${m[5]}${m[6]}${m[7].padEnd(6, "0")}`;
}

/**
 * The client-side incremental check of BlocksRetriever: keep a block edited at or after `start` (both in
 * Notion's `%Y-%m-%dT%H:%M:%S.%fZ`); keep it when there is no boundary, no cursor value, or a time that does
 * not parse.
 *
 * @example
 * ```ts
 * import { editedSince } from "./components.ts";
 * if (editedSince({ last_edited_time: "2024-01-01T00:00:00.000Z" }, "2024-02-01T00:00:00.000Z")) throw 1;
 * if (!editedSince({ last_edited_time: "2024-03-01T00:00:00.5Z" }, "2024-02-01T00:00:00.000Z")) throw 2;
 * if (!editedSince({ last_edited_time: "yesterday" }, "2024-02-01T00:00:00.000Z")) throw 3;
 * ```
 */
export function editedSince(record: RecordData, start: string | undefined): boolean {
  if (!start) return true;
  const value = record.last_edited_time;
  if (!value) return true;
  const recordKey = timeKey(String(value));
  const startKey = timeKey(start);
  if (recordKey === undefined || startKey === undefined) return true;
  return recordKey >= startKey;
}

function blocksRetriever(inner: Retriever): Retriever {
  async function* read(
    slice: StreamSlice,
    depth: number,
    start: string | undefined,
    ctx: ReadContext,
    cursor: SliceCursor | undefined,
  ): AsyncGenerator<RecordData> {
    if (depth > MAX_BLOCK_DEPTH) return;
    let sequence = 0;
    for await (const record of inner.readSlice(slice, ctx, cursor)) {
      const position = sequence++;
      if (record.has_children) {
        const child: StreamSlice = {
          partition: { block_id: record.id, parent_slice: {} },
          cursor_slice: slice.cursor_slice,
        };
        yield* read(child, depth + 1, start, ctx, cursor);
      }
      if ("parent" in record && isObject(record.parent)) record.parent.sequence_number = position;
      if (editedSince(record, start)) yield record;
    }
  }
  return {
    readSlice(slice, ctx, cursor) {
      const start = slice.cursor_slice?.start_time;
      return read(slice, 0, typeof start === "string" && start ? start : undefined, ctx, cursor);
    },
  };
}

/** The registry passed with `--components connectors/source-notion/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.NotionPropertiesTransformation": {
    kind: "transformation",
    create: () => propertiesToList,
  },
  "source_declarative_manifest.components.NotionUserTransformation": {
    kind: "transformation",
    create: () => moveBotOwnerInfo,
  },
  "source_declarative_manifest.components.BlocksRetriever": {
    kind: "retriever",
    create: (options, ctx) =>
      blocksRetriever(ctx.build("retriever", { ...options, type: "SimpleRetriever" })),
  },
});

export default components;
