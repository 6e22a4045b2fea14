/**
 * Custom components of the corpus manifest `source-twilio.yaml` (unchanged), in TypeScript.
 *
 * `TwilioDateTimeTypeTransformer`: the default schema normalisation, then every `format: date-time` value in
 * RFC 2822 form (`Fri, 11 Dec 2020 04:28:40 +0000`, what most Twilio endpoints return) becomes ISO 8601 UTC
 * (`2020-12-11T04:28:40Z`); other values are left as they are.
 *
 * State migrations from the Python connector's state shapes:
 * - `TwilioStateMigration`: per-partition states whose partition lacks `parent_slice` get `parent_slice: {}`.
 * - `TwilioAlertsStateMigration`: `{states: [{cursor: {date_generated}}]}` becomes that cursor.
 * - `TwilioUsageRecordsStateMigration`: partitions keep only `account_sid` (+ `parent_slice: {}`).
 * - `TwilioMessageMediaStateMigration`: partitions keep `subresource_uri` and get the parent Messages
 *   collection as `parent_slice.subresource_uri`.
 * @module
 */
import { defineComponents, type StateMigration } from "../../src/declarative/components.ts";
import { schemaNormalizer } from "../../src/transform/normalize.ts";
import { isObject, type JsonObject, type JsonSchema } from "../../src/types.ts";

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
// strptime("%a, %d %b %Y %H:%M:%S %z"): spaces match any whitespace, names are case-insensitive
const RFC2822 =
  /^([a-z]{3}),\s+(\d{1,2})\s+([a-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{1,2}):(\d{1,2})\s+(?:(Z)|([+-])(\d\d):?([0-5]\d)(?::?([0-5]\d)(?:\.(\d{1,6}))?)?)$/i;

/**
 * An RFC 2822 date-time (`%a, %d %b %Y %H:%M:%S %z`) as `%Y-%m-%dT%H:%M:%SZ` in UTC, or undefined when it
 * does not parse (Python's `strptime` rules: the weekday is not checked against the date).
 *
 * @example
 * ```ts
 * import { rfc2822ToIso } from "./components.ts";
 * if (rfc2822ToIso("Fri, 11 Dec 2020 04:28:40 +0000") !== "2020-12-11T04:28:40Z") throw 1;
 * if (rfc2822ToIso("Mon, 1 Jan 2024 00:30:00 +0100") !== "2023-12-31T23:30:00Z") throw 2;
 * if (rfc2822ToIso("2020-12-11T04:29:09Z") !== undefined) throw 3;
 * ```
 */
export function rfc2822ToIso(value: string): string | undefined {
  const m = RFC2822.exec(value);
  if (!m) return undefined;
  if (!WEEKDAYS.includes(m[1].toLowerCase())) return undefined;
  const month = MONTHS.indexOf(m[3].toLowerCase());
  if (month < 0) return undefined;
  const [day, year, hour, minute, second] = [m[2], m[4], m[5], m[6], m[7]].map(Number);
  if (hour > 23 || minute > 59 || second > 59 || day < 1) return undefined;
  const check = new Date(Date.UTC(2000, month, day, hour, minute, second));
  check.setUTCFullYear(year, month, day);
  const local = check.getTime();
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month || year < 1) return undefined;
  let offsetMs = 0;
  if (!m[8]) {
    const hours = Number(m[10]);
    if (hours > 23) return undefined;
    const seconds = hours * 3600 + Number(m[11]) * 60 + Number(m[12] ?? 0) + Number(`0.${m[13] ?? 0}`);
    offsetMs = (m[9] === "-" ? -1 : 1) * seconds * 1000;
  }
  const utc = new Date(local - offsetMs);
  const y = utc.getUTCFullYear();
  if (y < 1 || y > 9999) return undefined;
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(y, 4)}-${pad(utc.getUTCMonth() + 1)}-${pad(utc.getUTCDate())}T${pad(utc.getUTCHours())}:` +
    `${pad(utc.getUTCMinutes())}:${pad(utc.getUTCSeconds())}Z`;
}

function dateTimeNormalizer(value: unknown, subschema: JsonSchema): unknown {
  if (typeof value !== "string" || value === "" || !isObject(subschema) || subschema.format !== "date-time") {
    return value;
  }
  return rfc2822ToIso(value) ?? value;
}

function statesOf(state: JsonObject): JsonObject[] {
  return Array.isArray(state.states) ? state.states.filter((s): s is JsonObject => isObject(s)) : [];
}

function partitionOf(state: JsonObject): JsonObject {
  return isObject(state.partition) ? state.partition : {};
}

const lacksParentSlice = (state: JsonObject): boolean =>
  Object.keys(state).length > 0 && statesOf(state).some((s) => !("parent_slice" in partitionOf(s)));

/** `TwilioStateMigration`. */
export const addParentSlice: StateMigration = {
  shouldMigrate: lacksParentSlice,
  migrate(state) {
    for (const s of statesOf(state)) s.partition = { ...partitionOf(s), parent_slice: {} };
    return state;
  },
};

/** `TwilioAlertsStateMigration`. */
export const alertsCursor: StateMigration = {
  shouldMigrate(state) {
    const first = statesOf(state)[0];
    return first !== undefined && isObject(first.cursor) && "date_generated" in first.cursor;
  },
  migrate: (state) => statesOf(state)[0].cursor as JsonObject,
};

/** `TwilioUsageRecordsStateMigration`. */
export const usageRecordsPartitions: StateMigration = {
  shouldMigrate: lacksParentSlice,
  migrate(state) {
    const states: JsonObject[] = [];
    for (const s of statesOf(state)) {
      const partition = partitionOf(s);
      if (!isObject(s.partition) || !("account_sid" in partition)) continue;
      states.push({
        partition: { account_sid: partition.account_sid, parent_slice: {} },
        cursor: isObject(s.cursor) ? s.cursor : {},
      });
    }
    return { states };
  },
};

/** `TwilioMessageMediaStateMigration`. */
export const messageMediaPartitions: StateMigration = {
  shouldMigrate: lacksParentSlice,
  migrate(state) {
    const states: JsonObject[] = [];
    for (const s of statesOf(state)) {
      const partition = partitionOf(s);
      if (!isObject(s.partition) || !("subresource_uri" in partition)) continue;
      const uri = String(partition.subresource_uri);
      states.push({
        partition: {
          subresource_uri: partition.subresource_uri,
          parent_slice: { subresource_uri: `${uri.split("Messages")[0]}Messages.json`, parent_slice: {} },
        },
        cursor: isObject(s.cursor) ? s.cursor : {},
      });
    }
    return { states };
  },
};

/** The registry passed with `--components connectors/source-twilio/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.TwilioDateTimeTypeTransformer": {
    kind: "schema_normalization",
    create: () => (schema) => {
      const normalize = schemaNormalizer(schema, { mode: "default", custom: dateTimeNormalizer });
      return (record) => normalize(record) ?? record;
    },
  },
  "source_declarative_manifest.components.TwilioStateMigration": {
    kind: "state_migration",
    create: () => addParentSlice,
  },
  "source_declarative_manifest.components.TwilioAlertsStateMigration": {
    kind: "state_migration",
    create: () => alertsCursor,
  },
  "source_declarative_manifest.components.TwilioUsageRecordsStateMigration": {
    kind: "state_migration",
    create: () => usageRecordsPartitions,
  },
  "source_declarative_manifest.components.TwilioMessageMediaStateMigration": {
    kind: "state_migration",
    create: () => messageMediaPartitions,
  },
});

export default components;
