/**
 * Streams and sources: the code API (`HttpStream`, `HttpSubStream`, `AbstractSource`), the shared page loop
 * and the concurrent partition reader, and the read loop (runner).
 * @module
 */
export * from "./types.ts";
export * from "./request_builder.ts";
export * from "./page_reader.ts";
export * from "./partition_reader.ts";
export * from "./read_slices.ts";
export * from "./http_stream.ts";
export * from "./http_sub_stream.ts";
export * from "./source.ts";
export * from "./runner.ts";
export * from "./stream_messages.ts";
