/**
 * The one place spout reaches a JSON Schema validator. `@cfworker/json-schema` interprets schemas
 * (no `new Function`, unlike ajv), which our no-eval rule requires.
 * @module
 */
export { Validator } from "npm:@cfworker/json-schema@^4.1.1";
export type { OutputUnit } from "npm:@cfworker/json-schema@^4.1.1";
