/**
 * Developer tools: record/replay of HTTP exchanges, running the CLI in tests, test reads, schema inference,
 * record-path and paginator detection, and connector scaffolding.
 * @module
 */
export { type FixtureFs, memoryFs, nodeFs } from "./fixture_fs.ts";
export {
  type RecordedExchange,
  recordingFetch,
  type RecordOptions,
  replayFetch,
  type ReplayOptions,
  type TextMasker,
} from "./record_replay.ts";
export { runSpout, type RunSpoutOptions, type SpoutRun } from "./harness.ts";
export {
  collectTestRead,
  type StreamReport,
  type TestReadOptions,
  type TestReadReport,
} from "./test_read.ts";
export { formatExchanges, formatReport, formatTable, type TableOptions } from "./report_format.ts";
export { inferSchema, SchemaInferrer } from "./infer_schema.ts";
export {
  detectPaginator,
  detectRecordPath,
  type PaginatorGuess,
  type RecordPathGuess,
  type SampleResponse,
} from "./detect.ts";
export { toYaml } from "./yaml_snippet.ts";
export { CONNECTOR_NAME, planScaffold, type ScaffoldOptions } from "./scaffold.ts";
