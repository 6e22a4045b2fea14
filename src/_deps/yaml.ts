/**
 * The one place spout reaches the YAML library (npm `yaml`, YAML 1.2 core schema).
 * Swap for `@std/yaml` here if JSR becomes reachable.
 * @module
 */
export { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from "npm:yaml@^2.8.1";
export type { Document, Node, Pair, Scalar, YAMLMap, YAMLSeq } from "npm:yaml@^2.8.1";
