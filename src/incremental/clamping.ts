/**
 * Airbyte's cursor clamping strategies (DAY, WEEK, MONTH): slice boundaries are rounded to calendar units.
 * @module
 */
import type { PyDateTime } from "../util/datetime.ts";
import { PyTimedelta } from "../util/timedelta.ts";

/** Rounds a datetime to a calendar unit. */
export type Clamp = (value: PyDateTime) => PyDateTime;

/** Weekday names in Python `weekday()` order. */
export const WEEKDAYS = [
  "MONDAY",
  "TUESDAY",
  "WEDNESDAY",
  "THURSDAY",
  "FRIDAY",
  "SATURDAY",
  "SUNDAY",
] as const;

function midnight(value: PyDateTime): PyDateTime {
  return value.replace({ hour: 0, minute: 0, second: 0, microsecond: 0 });
}

/**
 * Day clamping: the ceiling (default) or floor midnight.
 *
 * @example
 * ```ts
 * import { dayClamp } from "./clamping.ts";
 * import { PyDateTime } from "../util/datetime.ts";
 * const t = PyDateTime.fromParts({ year: 2024, month: 1, day: 1, hour: 5, offsetSeconds: 0 });
 * if (dayClamp()(t).day !== 2 || dayClamp(false)(t).day !== 1) throw new Error("clamp");
 * ```
 */
export function dayClamp(ceiling = true): Clamp {
  return (value) => {
    const floor = midnight(value);
    return ceiling && !floor.equals(value) ? floor.add(PyTimedelta.of({ days: 1 })) : floor;
  };
}

/**
 * Month clamping: the first day of the next (ceiling) or current (floor) month, unless already the 1st.
 *
 * @example
 * ```ts
 * import { monthClamp } from "./clamping.ts";
 * import { PyDateTime } from "../util/datetime.ts";
 * const t = PyDateTime.fromParts({ year: 2024, month: 12, day: 5, offsetSeconds: 0 });
 * if (monthClamp()(t).toString() !== "2025-01-01 00:00:00+00:00") throw new Error("clamp");
 * ```
 */
export function monthClamp(ceiling = true): Clamp {
  return (value) => {
    const floor = midnight(value);
    if (value.day === 1) return floor;
    if (!ceiling) return floor.replace({ day: 1 });
    const year = value.month === 12 ? value.year + 1 : value.year;
    return floor.replace({ year, month: (value.month % 12) + 1, day: 1 });
  };
}

/**
 * Week clamping on a weekday (0 = Monday): the next (ceiling) or previous (floor) such day at midnight.
 *
 * @example
 * ```ts
 * import { weekClamp } from "./clamping.ts";
 * import { PyDateTime } from "../util/datetime.ts";
 * const wed = PyDateTime.fromParts({ year: 2024, month: 1, day: 3, offsetSeconds: 0 });
 * if (weekClamp(0)(wed).day !== 8 || weekClamp(0, false)(wed).day !== 1) throw new Error("clamp");
 * ```
 */
export function weekClamp(dayOfWeek: number, ceiling = true): Clamp {
  return (value) => {
    const wd = value.weekday();
    const diff = wd > dayOfWeek ? 7 - (wd - dayOfWeek) : Math.abs(wd - dayOfWeek);
    const days = ceiling || diff === 0 ? diff : diff - 7;
    return midnight(value).add(PyTimedelta.of({ days }));
  };
}
