/**
 * Partition routers: list values, parent records (substreams), cartesian products and groups.
 * @module
 */
export * from "./types.ts";
export * from "./request_option.ts";
export * from "./list.ts";
export * from "./substream.ts";
export * from "./cartesian.ts";
export * from "./grouping.ts";
