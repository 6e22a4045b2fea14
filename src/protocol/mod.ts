/**
 * Airbyte protocol: message types and builders, configured catalog and input state parsing, and the JSONL
 * message writer.
 * @module
 */
export * from "./messages.ts";
export { parseConfiguredCatalog } from "./catalog.ts";
export { parseInputState, parseStateText } from "./state.ts";
export type { InputState } from "./state.ts";
export { parseJsonSafe } from "./json.ts";
export { MessageWriter, serializeMessage } from "./writer.ts";
export type { MessageWriterOptions, Sink } from "./writer.ts";
