/**
 * Python-compatible date and time for manifests: `datetime`/`date`/`timedelta` semantics, `strftime` and
 * `strptime`, Airbyte's `DatetimeParser` formats, `dateutil` ISO parsing and `isodate` durations.
 * @module
 */
export { PyTimedelta, roundHalfEven } from "./timedelta.ts";
export type { TimedeltaParts } from "./timedelta.ts";
export { defaultTzName, formatOffset, PyDateTime } from "./datetime.ts";
export { PyDate } from "./date.ts";
export type { DateAddend } from "./date.ts";
export type { DatetimeAddend, DateTimeParts, ReplaceParts, Timespec } from "./datetime.ts";
export { formatStrftime as strftime } from "./strftime.ts";
export type { StrftimeFields } from "./strftime.ts";
export { compileStrptime, strptime } from "./strptime.ts";
export type { StrptimeParser } from "./strptime.ts";
export {
  addDuration,
  durationToTimedelta,
  IsoDuration,
  parseDurationToMs,
  parseIsoDuration,
} from "./duration.ts";
export type { Duration } from "./duration.ts";
export {
  formatAirbyteDatetime,
  formatIsoMillisZ,
  parseAirbyteDatetime,
  parseWithFormats,
  pyFloat,
  pyFloatRepr,
  pyInt,
} from "./airbyte_datetime.ts";
export { isoparse, strToDatetime } from "./isoparse.ts";
export { daysFromCivil, daysInMonth, isLeapYear } from "./calendar.ts";
export { parseFlexibleDatetime } from "./flexible_datetime.ts";
export type { FlexibleParseOptions } from "./flexible_datetime.ts";
export {
  dayDelta,
  durationMacro,
  formatDatetime,
  nowUtc,
  timestampMacro,
  todayUtc,
} from "./datetime_macros.ts";
