/**
 * Airbyte protocol messages: typed shapes with the protocol's exact field names, and one small builder per
 * message kind. Optional fields are omitted (never `null`) when absent, like the reference serializer.
 * @module
 */
import type { LogLevel } from "../env.ts";
import type { FailureType } from "../errors.ts";
import type { ConnectionStatus, ConnectorSpec, SyncMode } from "../source/types.ts";
import type { JsonObject, JsonSchema, RecordData } from "../types.ts";

/** Identifies a stream: name plus optional namespace. */
export interface StreamDescriptor {
  /** Stream name. */
  name: string;
  /** Optional namespace. */
  namespace?: string;
}

/** A RECORD payload. */
export interface AirbyteRecordMessage {
  /** Stream name. */
  stream: string;
  /** The record. */
  data: RecordData;
  /** Milliseconds since the epoch when the record was emitted. */
  emitted_at: number;
  /** Optional namespace. */
  namespace?: string;
}

/** Kinds of state messages. */
export type AirbyteStateType = "STREAM" | "GLOBAL" | "LEGACY";

/** Per-stream state. */
export interface AirbyteStreamState {
  /** Which stream. */
  stream_descriptor: StreamDescriptor;
  /** The opaque state blob of the stream. */
  stream_state?: JsonObject | null;
}

/** Global state: one shared blob plus per-stream blobs. */
export interface AirbyteGlobalState {
  /** Shared state (API sources never write one). */
  shared_state?: JsonObject | null;
  /** Per-stream states. */
  stream_states: AirbyteStreamState[];
}

/** Record counts attached to a state message. */
export interface AirbyteStateStats {
  /** Records emitted for the stream since its previous state message. */
  recordCount?: number;
}

/** A STATE payload. */
export interface AirbyteStateMessage {
  /** STREAM, GLOBAL or LEGACY (absent in very old messages, which then carry `data`). */
  type?: AirbyteStateType;
  /** Per-stream state (type STREAM). */
  stream?: AirbyteStreamState;
  /** Global state (type GLOBAL). */
  global?: AirbyteGlobalState;
  /** Legacy whole-connector state (type LEGACY): `{ [stream]: state }`. */
  data?: JsonObject;
  /** Source-side statistics. */
  sourceStats?: AirbyteStateStats;
  /** Destination-side statistics. */
  destinationStats?: AirbyteStateStats;
}

/** A LOG payload. */
export interface AirbyteLogMessage {
  /** Level. */
  level: LogLevel;
  /** Text (masked before printing). */
  message: string;
  /** Optional stack trace. */
  stack_trace?: string;
}

/** An ERROR trace payload. */
export interface AirbyteErrorTraceMessage {
  /** User-facing message. */
  message: string;
  /** Technical detail. */
  internal_message?: string;
  /** Stack trace. */
  stack_trace?: string;
  /** Airbyte failure type. */
  failure_type?: FailureType;
  /** The failing stream, when the error belongs to one. */
  stream_descriptor?: StreamDescriptor;
}

/** An ESTIMATE trace payload. */
export interface AirbyteEstimateTraceMessage {
  /** Stream name. */
  name: string;
  /** Scope of the estimate. */
  type: "STREAM" | "SYNC";
  /** Optional namespace. */
  namespace?: string;
  /** Estimated rows. */
  row_estimate?: number;
  /** Estimated bytes. */
  byte_estimate?: number;
}

/** Stream statuses of STREAM_STATUS traces. */
export type AirbyteStreamStatus = "STARTED" | "RUNNING" | "COMPLETE" | "INCOMPLETE";

/** A STREAM_STATUS trace payload. */
export interface AirbyteStreamStatusTraceMessage {
  /** Which stream. */
  stream_descriptor: StreamDescriptor;
  /** Its status. */
  status: AirbyteStreamStatus;
  /** Optional reasons (e.g. rate limited). */
  reasons?: JsonObject[];
}

/** A TRACE payload. */
export interface AirbyteTraceMessage {
  /** Trace kind. */
  type: "ERROR" | "ESTIMATE" | "STREAM_STATUS" | "ANALYTICS";
  /** Milliseconds since the epoch. */
  emitted_at: number;
  /** Set for ERROR. */
  error?: AirbyteErrorTraceMessage;
  /** Set for ESTIMATE. */
  estimate?: AirbyteEstimateTraceMessage;
  /** Set for STREAM_STATUS. */
  stream_status?: AirbyteStreamStatusTraceMessage;
  /** Set for ANALYTICS. */
  analytics?: { type: string; value?: string };
}

/** A CONTROL payload (the connector asks the platform to persist a new config). */
export interface AirbyteControlMessage {
  /** Always CONNECTOR_CONFIG. */
  type: "CONNECTOR_CONFIG";
  /** Milliseconds since the epoch. */
  emitted_at: number;
  /** The complete new config. */
  connectorConfig: { config: JsonObject };
}

/** One stream of a discovered catalog. */
export interface AirbyteStream {
  /** Stream name. */
  name: string;
  /** JSON schema of its records. */
  json_schema: JsonSchema;
  /** Supported sync modes. */
  supported_sync_modes: SyncMode[];
  /** Whether the source defines the cursor. */
  source_defined_cursor?: boolean;
  /** The source's default cursor field. */
  default_cursor_field?: string[];
  /** The source's primary key. */
  source_defined_primary_key?: string[][];
  /** Optional namespace. */
  namespace?: string;
  /** Whether a read can resume from a checkpoint (true for streams with a cursor). */
  is_resumable?: boolean;
  /** Whether the stream transfers files (always false for spout streams). */
  is_file_based?: boolean;
}

/** A discovered catalog. */
export interface AirbyteCatalog {
  /** The streams. */
  streams: AirbyteStream[];
}

/** Destination sync modes. */
export type DestinationSyncMode = "append" | "overwrite" | "append_dedup" | "update" | "soft_delete";

/** One stream of a configured catalog. */
export interface ConfiguredAirbyteStream {
  /** The stream as discovered. */
  stream: AirbyteStream;
  /** How to read it. */
  sync_mode: SyncMode;
  /** How the destination writes it. */
  destination_sync_mode: DestinationSyncMode;
  /** User-chosen cursor field. */
  cursor_field?: string[];
  /** User-chosen primary key. */
  primary_key?: string[][];
  /** Generation bookkeeping, passed through. */
  generation_id?: number;
  /** Generation bookkeeping, passed through. */
  minimum_generation_id?: number;
  /** Sync id, passed through. */
  sync_id?: number;
}

/** A configured catalog (`--catalog`). */
export interface ConfiguredAirbyteCatalog {
  /** Selected streams in read order. */
  streams: ConfiguredAirbyteStream[];
}

/** Any Airbyte message, discriminated on `type`. */
export type AirbyteMessage =
  | { type: "RECORD"; record: AirbyteRecordMessage }
  | { type: "STATE"; state: AirbyteStateMessage }
  | { type: "LOG"; log: AirbyteLogMessage }
  | { type: "TRACE"; trace: AirbyteTraceMessage }
  | { type: "SPEC"; spec: ConnectorSpec }
  | { type: "CONNECTION_STATUS"; connectionStatus: ConnectionStatus }
  | { type: "CATALOG"; catalog: AirbyteCatalog }
  | { type: "CONTROL"; control: AirbyteControlMessage };

/** The state blob Airbyte's full refresh streams end with. */
export const NO_CURSOR_STATE: Readonly<JsonObject> = Object.freeze({ __ab_no_cursor_state_message: true });

function descriptor(name: string, namespace?: string): StreamDescriptor {
  return namespace === undefined ? { name } : { name, namespace };
}

/**
 * Builds a RECORD message.
 *
 * @example
 * ```ts
 * import { recordMessage } from "./messages.ts";
 * const m = recordMessage("users", { id: 1 }, 1700000000000);
 * if (JSON.stringify(m) !== '{"type":"RECORD","record":{"stream":"users","data":{"id":1},"emitted_at":1700000000000}}') {
 *   throw new Error("shape");
 * }
 * ```
 */
export function recordMessage(
  stream: string,
  data: RecordData,
  emittedAt: number,
  namespace?: string,
): AirbyteMessage {
  const record: AirbyteRecordMessage = { stream, data, emitted_at: emittedAt };
  if (namespace !== undefined) record.namespace = namespace;
  return { type: "RECORD", record };
}

/**
 * Builds a per-stream STATE message; `recordCount` becomes `sourceStats.recordCount`.
 *
 * @example
 * ```ts
 * import { streamStateMessage } from "./messages.ts";
 * const m = streamStateMessage({ name: "users" }, { updated: "2024" }, 3);
 * if (m.type !== "STATE" || m.state.sourceStats?.recordCount !== 3) throw new Error("shape");
 * ```
 */
export function streamStateMessage(
  stream: StreamDescriptor,
  streamState: JsonObject,
  recordCount?: number,
): AirbyteMessage {
  const state: AirbyteStateMessage = {
    type: "STREAM",
    stream: { stream_descriptor: descriptor(stream.name, stream.namespace), stream_state: streamState },
  };
  if (recordCount !== undefined) state.sourceStats = { recordCount };
  return { type: "STATE", state };
}

/**
 * Builds a GLOBAL STATE message.
 *
 * @example
 * ```ts
 * import { globalStateMessage } from "./messages.ts";
 * const m = globalStateMessage([{ stream_descriptor: { name: "a" }, stream_state: { c: 1 } }]);
 * if (m.type !== "STATE" || m.state.global?.stream_states.length !== 1) throw new Error("shape");
 * ```
 */
export function globalStateMessage(
  streamStates: AirbyteStreamState[],
  sharedState?: JsonObject,
): AirbyteMessage {
  const global: AirbyteGlobalState = sharedState === undefined
    ? { stream_states: streamStates }
    : { shared_state: sharedState, stream_states: streamStates };
  return { type: "STATE", state: { type: "GLOBAL", global } };
}

/**
 * Builds a LEGACY STATE message (`data` maps stream names to their state).
 *
 * @example
 * ```ts
 * import { legacyStateMessage } from "./messages.ts";
 * const m = legacyStateMessage({ users: { cursor: 1 } });
 * if (m.type !== "STATE" || m.state.type !== "LEGACY") throw new Error("shape");
 * ```
 */
export function legacyStateMessage(data: JsonObject): AirbyteMessage {
  return { type: "STATE", state: { type: "LEGACY", data } };
}

/**
 * Builds a LOG message.
 *
 * @example
 * ```ts
 * import { logMessage } from "./messages.ts";
 * const m = logMessage("INFO", "hello");
 * if (JSON.stringify(m) !== '{"type":"LOG","log":{"level":"INFO","message":"hello"}}') throw new Error("shape");
 * ```
 */
export function logMessage(level: LogLevel, message: string, stackTrace?: string): AirbyteMessage {
  const log: AirbyteLogMessage = { level, message };
  if (stackTrace !== undefined) log.stack_trace = stackTrace;
  return { type: "LOG", log };
}

/** Fields of an ERROR trace (camelCase in, protocol snake_case out). */
export interface ErrorTraceFields {
  /** User-facing message. */
  message: string;
  /** Technical detail. */
  internalMessage?: string;
  /** Stack trace. */
  stackTrace?: string;
  /** Airbyte failure type. */
  failureType?: FailureType;
  /** The failing stream. */
  stream?: StreamDescriptor;
}

/**
 * Builds a TRACE ERROR message.
 *
 * @example
 * ```ts
 * import { errorTraceMessage } from "./messages.ts";
 * const m = errorTraceMessage({ message: "bad", failureType: "config_error" }, 5);
 * if (m.type !== "TRACE" || m.trace.error?.failure_type !== "config_error") throw new Error("shape");
 * ```
 */
export function errorTraceMessage(fields: ErrorTraceFields, emittedAt: number): AirbyteMessage {
  const error: AirbyteErrorTraceMessage = { message: fields.message };
  if (fields.internalMessage !== undefined) error.internal_message = fields.internalMessage;
  if (fields.stackTrace !== undefined) error.stack_trace = fields.stackTrace;
  if (fields.failureType !== undefined) error.failure_type = fields.failureType;
  if (fields.stream !== undefined) {
    error.stream_descriptor = descriptor(fields.stream.name, fields.stream.namespace);
  }
  return { type: "TRACE", trace: { type: "ERROR", emitted_at: emittedAt, error } };
}

/**
 * Builds a TRACE STREAM_STATUS message.
 *
 * @example
 * ```ts
 * import { streamStatusMessage } from "./messages.ts";
 * const m = streamStatusMessage({ name: "users" }, "STARTED", 7);
 * if (m.type !== "TRACE" || m.trace.stream_status?.status !== "STARTED") throw new Error("shape");
 * ```
 */
export function streamStatusMessage(
  stream: StreamDescriptor,
  status: AirbyteStreamStatus,
  emittedAt: number,
): AirbyteMessage {
  return {
    type: "TRACE",
    trace: {
      type: "STREAM_STATUS",
      emitted_at: emittedAt,
      stream_status: { stream_descriptor: descriptor(stream.name, stream.namespace), status },
    },
  };
}

/**
 * Builds a TRACE ESTIMATE message.
 *
 * @example
 * ```ts
 * import { estimateTraceMessage } from "./messages.ts";
 * const m = estimateTraceMessage({ name: "users", type: "STREAM", row_estimate: 10 }, 1);
 * if (m.type !== "TRACE" || m.trace.estimate?.row_estimate !== 10) throw new Error("shape");
 * ```
 */
export function estimateTraceMessage(
  estimate: AirbyteEstimateTraceMessage,
  emittedAt: number,
): AirbyteMessage {
  return { type: "TRACE", trace: { type: "ESTIMATE", emitted_at: emittedAt, estimate } };
}

/**
 * Builds a SPEC message.
 *
 * @example
 * ```ts
 * import { specMessage } from "./messages.ts";
 * const m = specMessage({ connectionSpecification: { type: "object" } });
 * if (m.type !== "SPEC") throw new Error("shape");
 * ```
 */
export function specMessage(spec: ConnectorSpec): AirbyteMessage {
  return { type: "SPEC", spec };
}

/**
 * Builds a CONNECTION_STATUS message (the message is omitted when absent).
 *
 * @example
 * ```ts
 * import { connectionStatusMessage } from "./messages.ts";
 * const m = connectionStatusMessage({ status: "SUCCEEDED" });
 * if (JSON.stringify(m) !== '{"type":"CONNECTION_STATUS","connectionStatus":{"status":"SUCCEEDED"}}') {
 *   throw new Error("shape");
 * }
 * ```
 */
export function connectionStatusMessage(status: ConnectionStatus): AirbyteMessage {
  const connectionStatus: ConnectionStatus = { status: status.status };
  if (status.message !== undefined) connectionStatus.message = status.message;
  return { type: "CONNECTION_STATUS", connectionStatus };
}

/**
 * Builds a CATALOG message.
 *
 * @example
 * ```ts
 * import { catalogMessage } from "./messages.ts";
 * const m = catalogMessage({ streams: [] });
 * if (m.type !== "CATALOG") throw new Error("shape");
 * ```
 */
export function catalogMessage(catalog: AirbyteCatalog): AirbyteMessage {
  return { type: "CATALOG", catalog };
}

/**
 * Builds a CONTROL CONNECTOR_CONFIG message carrying a complete new config.
 *
 * @example
 * ```ts
 * import { controlConfigMessage } from "./messages.ts";
 * const m = controlConfigMessage({ token: "new" }, 9);
 * if (m.type !== "CONTROL" || m.control.connectorConfig.config.token !== "new") throw new Error("shape");
 * ```
 */
export function controlConfigMessage(config: JsonObject, emittedAt: number): AirbyteMessage {
  return {
    type: "CONTROL",
    control: { type: "CONNECTOR_CONFIG", emitted_at: emittedAt, connectorConfig: { config } },
  };
}
