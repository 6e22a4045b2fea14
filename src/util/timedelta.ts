/**
 * Python `datetime.timedelta` semantics: exact microsecond arithmetic, normalised `days` / `seconds` /
 * `microseconds`, and Python's `str(td)` rendering.
 * @module
 */
import { SpoutError } from "../errors.ts";

const US_PER_SECOND = 1_000_000n;
const US_PER_DAY = 86_400_000_000n;
/** Python's `timedelta.max.days`. */
const MAX_DAYS = 999_999_999n;

/** Keyword arguments of Python's `timedelta(...)` constructor. */
export interface TimedeltaParts {
  /** Days (may be fractional or negative). */
  days?: number;
  /** Seconds. */
  seconds?: number;
  /** Microseconds. */
  microseconds?: number;
  /** Milliseconds. */
  milliseconds?: number;
  /** Minutes. */
  minutes?: number;
  /** Hours. */
  hours?: number;
  /** Weeks. */
  weeks?: number;
}

/**
 * Rounds half to even (Python's `round`).
 *
 * @example
 * ```ts
 * import { roundHalfEven } from "./timedelta.ts";
 * if (roundHalfEven(0.5) !== 0 || roundHalfEven(1.5) !== 2 || roundHalfEven(2.6) !== 3) throw new Error();
 * ```
 */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  if (Math.abs(x % 1) === 0.5 && r % 2 !== 0) return r - 1;
  return r;
}

function floorDivMod(a: bigint, b: bigint): [bigint, bigint] {
  let q = a / b;
  let r = a % b;
  if (r !== 0n && (r < 0n) !== (b < 0n)) {
    q -= 1n;
    r += b;
  }
  return [q, r];
}

/**
 * An exact duration in microseconds, behaving like Python's `datetime.timedelta`.
 *
 * @example
 * ```ts
 * import { PyTimedelta } from "./timedelta.ts";
 * const td = PyTimedelta.of({ days: 1, hours: 2 });
 * if (td.toString() !== "1 day, 2:00:00") throw new Error("bad str");
 * if (td.neg().toString() !== "-2 days, 22:00:00") throw new Error("bad neg");
 * ```
 */
export class PyTimedelta {
  /** Total length in microseconds (exact). */
  readonly totalMicros: bigint;
  /** Normalised days (may be negative). */
  readonly days: number;
  /** Normalised seconds, 0..86399. */
  readonly seconds: number;
  /** Normalised microseconds, 0..999999. */
  readonly microseconds: number;

  /** Creates a timedelta of `micros` microseconds (numbers are rounded half-even to an integer). */
  constructor(micros: bigint | number) {
    const total = typeof micros === "bigint" ? micros : BigInt(roundHalfEven(micros));
    const [days, rest] = floorDivMod(total, US_PER_DAY);
    if (days > MAX_DAYS || days < -MAX_DAYS) {
      throw new SpoutError(
        "datetime_error",
        `timedelta out of range: ${days} days (|days| must be <= 999999999)`,
      );
    }
    this.totalMicros = total;
    this.days = Number(days);
    this.seconds = Number(rest / US_PER_SECOND);
    this.microseconds = Number(rest % US_PER_SECOND);
  }

  /** Python's `timedelta(days=..., seconds=..., ...)`; fractional values are rounded to microseconds. */
  static of(parts: TimedeltaParts): PyTimedelta {
    const units: [number | undefined, bigint][] = [
      [parts.weeks, 7n * US_PER_DAY],
      [parts.days, US_PER_DAY],
      [parts.hours, 3_600_000_000n],
      [parts.minutes, 60_000_000n],
      [parts.seconds, US_PER_SECOND],
      [parts.milliseconds, 1000n],
      [parts.microseconds, 1n],
    ];
    let exact = 0n;
    let fractional = 0;
    for (const [value, unit] of units) {
      if (value === undefined || value === 0) continue;
      if (!Number.isFinite(value)) {
        throw new SpoutError("datetime_error", `timedelta component must be finite, got ${value}`);
      }
      const whole = Math.trunc(value);
      exact += BigInt(whole) * unit;
      fractional += (value - whole) * Number(unit);
    }
    // Round the fractional microseconds half-to-even with respect to the whole total, like Python.
    let whole = Math.floor(fractional);
    const rest = fractional - whole;
    if (rest > 0.5 || (rest === 0.5 && (exact + BigInt(whole)) % 2n !== 0n)) whole += 1;
    return new PyTimedelta(exact + BigInt(whole));
  }

  /** Python's `timedelta.total_seconds()`. */
  totalSeconds(): number {
    return Number(this.totalMicros) / 1e6;
  }

  /** Length in milliseconds as a float. */
  totalMilliseconds(): number {
    return Number(this.totalMicros) / 1e3;
  }

  /** `self + other`. */
  add(other: PyTimedelta): PyTimedelta {
    return new PyTimedelta(this.totalMicros + other.totalMicros);
  }

  /** `self - other`. */
  sub(other: PyTimedelta): PyTimedelta {
    return new PyTimedelta(this.totalMicros - other.totalMicros);
  }

  /** `-self`. */
  neg(): PyTimedelta {
    return new PyTimedelta(-this.totalMicros);
  }

  /** `abs(self)`. */
  abs(): PyTimedelta {
    return this.totalMicros < 0n ? this.neg() : this;
  }

  /** `self * factor` (floats round half-even to microseconds, like Python). */
  mul(factor: number): PyTimedelta {
    if (Number.isInteger(factor)) return new PyTimedelta(this.totalMicros * BigInt(factor));
    return new PyTimedelta(roundHalfEven(Number(this.totalMicros) * factor));
  }

  /** `self / other` for a timedelta (a float) . */
  div(other: PyTimedelta): number {
    if (other.totalMicros === 0n) throw new SpoutError("datetime_error", "division by zero timedelta");
    return Number(this.totalMicros) / Number(other.totalMicros);
  }

  /** `self / n` for a number (a timedelta, rounded half-even). */
  divBy(n: number): PyTimedelta {
    if (n === 0) throw new SpoutError("datetime_error", "division of timedelta by zero");
    return new PyTimedelta(roundHalfEven(Number(this.totalMicros) / n));
  }

  /** `self // other` for a timedelta (an integer). */
  floorDiv(other: PyTimedelta): number {
    if (other.totalMicros === 0n) throw new SpoutError("datetime_error", "division by zero timedelta");
    return Number(floorDivMod(this.totalMicros, other.totalMicros)[0]);
  }

  /** Negative, zero or positive like `self - other`. */
  compare(other: PyTimedelta): number {
    return this.totalMicros < other.totalMicros ? -1 : this.totalMicros > other.totalMicros ? 1 : 0;
  }

  /** `self == other`. */
  equals(other: PyTimedelta): boolean {
    return this.totalMicros === other.totalMicros;
  }

  /** Python's `str(td)`, e.g. `1 day, 2:00:00`, `-1 day, 23:59:59.500000`. */
  toString(): string {
    const mm = Math.floor(this.seconds / 60);
    const ss = this.seconds % 60;
    const hh = Math.floor(mm / 60);
    let s = `${hh}:${pad2(mm % 60)}:${pad2(ss)}`;
    if (this.days !== 0) s = `${this.days} day${Math.abs(this.days) !== 1 ? "s" : ""}, ${s}`;
    if (this.microseconds !== 0) s += `.${String(this.microseconds).padStart(6, "0")}`;
    return s;
  }

  /** JSON form: `str(td)`. */
  toJSON(): string {
    return this.toString();
  }
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
