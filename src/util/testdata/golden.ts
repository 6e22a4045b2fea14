/**
 * Golden cases produced by running the reference (CPython 3.11 `datetime`, `isodate`, `dateutil`, Airbyte
 * CDK `DatetimeParser` / macros, TZ=UTC) and stored as JSON; shared by the util tests.
 * @module
 */
import golden from "./datetime_golden.json" with { type: "json" };
import { PyDateTime } from "../datetime.ts";

/** A datetime as the generator wrote it. */
export interface DtSpec {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
  offsetSeconds: number | null;
}

/** A Python result: `isoformat()`, UTC offset seconds and `tzname()`. */
export interface Encoded {
  iso: string;
  offset: number | null;
  tzname: string | null;
}

/** The golden tables. */
export const GOLDEN = golden;

/** Builds the datetime of a spec (with the `tzname` Python reported, when given). */
export function dtOf(spec: DtSpec, tzName?: string | null): PyDateTime {
  return PyDateTime.fromParts({ ...spec, tzName });
}

/** Encodes a datetime the way the generator encoded Python results. */
export function encode(dt: PyDateTime): Encoded {
  return { iso: dt.isoformat(), offset: dt.offsetSeconds, tzname: dt.tzName };
}
