/**
 * The spout command line as a library: `main(args, io)` and the pieces to build an `io`.
 * @module
 */
export { main } from "./main.ts";
export { nodeIO, streamSink } from "./io.ts";
export type { CliIO, ConnectorRegistry, NodeIOOptions, RunValidate } from "./io.ts";
export { HELP, parseCliArgs } from "./args.ts";
export type { CliArgs, Command } from "./args.ts";
export { assertValidConfig, configProblems } from "./config.ts";
export { VERSION } from "./version.ts";
export { run } from "./run.ts";
export type { RunOptions } from "./run.ts";
export { embeddedSource, runEmbedded } from "./embedded.ts";
export type { EmbeddedCode, EmbeddedConnector, EmbeddedManifest } from "./embedded.ts";
