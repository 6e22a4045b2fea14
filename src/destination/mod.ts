/**
 * Local destinations for `spout sync`: SQLite (`node:sqlite`, loaded on demand) and JSONL, with records and
 * the state that covers them committed together.
 * @module
 */
export { type Destination, primaryKeyOf, streamKey, type StreamTarget } from "./types.ts";
export { openSqliteDestination, quoteIdent, type SqliteOptions } from "./sqlite.ts";
export { JSONL_STATE_FILE, openJsonlDestination } from "./jsonl.ts";
export {
  defaultSyncCatalog,
  type StreamProgress,
  type SyncOptions,
  type SyncSummary,
  syncToDestination,
} from "./sync.ts";
