/**
 * Fast YAML parsing (npm `js-yaml`, YAML 1.2 core schema) for manifests. spout parses manifests with it
 * because the `yaml` package (./yaml.ts) takes ~300 ms on the largest corpus manifest (1.1 MB) against
 * ~25 ms here; both give identical values on all 307 corpus manifests. Line/column positions come from
 * js-yaml's parse events (src/declarative/scan_positions.ts), checked against the `yaml` package in tests.
 * @module
 */
// deno-lint-ignore-file no-import-prefix -- the explicit npm: specifier is what makes URL imports work
// @ts-types must directly precede the import, or the types are lost outside this repo (no lockfile).
// @ts-types="npm:@types/js-yaml@^4.0.9"
import jsYaml from "npm:js-yaml@^4.1.0";

/** js-yaml's YAML 1.2 core schema (null, bool, int, float; no timestamps, no custom tags). */
export const JS_YAML_CORE_SCHEMA: jsYaml.Schema = jsYaml.CORE_SCHEMA;
/** js-yaml's `load`. */
export const jsYamlLoad: typeof jsYaml.load = jsYaml.load;
/** js-yaml's parse error (carries `reason` and a `mark` with 0-based line/column). */
export const JsYamlException: typeof jsYaml.YAMLException = jsYaml.YAMLException;
