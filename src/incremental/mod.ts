/**
 * Incremental sync: cursors and their Airbyte-compatible state.
 * @module
 */
export * from "./types.ts";
export * from "./clamping.ts";
export * from "./datetime_cursor.ts";
export * from "./per_partition_cursor.ts";
export * from "./stream_cursor.ts";
export * from "./incrementing_count_cursor.ts";
