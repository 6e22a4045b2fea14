/**
 * The schema normalisations of source-amazon-seller-partner reports: the default type casting, then a date
 * fix-up of `format: date` / `format: date-time` fields.
 * @module
 */
import { schemaNormalizer } from "../../src/transform/normalize.ts";
import { isObject, type JsonSchema, type RecordData } from "../../src/types.ts";
import { toRfc3339 } from "../_shared/ab_datetime.ts";

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

function ymd(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y);
  if (m < 1 || m > 12 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1) return undefined;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/**
 * Python's `strptime(value, format).strftime("%Y-%m-%d")` for day/month/year formats made of `%d`, `%m`,
 * `%y` (69-99 -> 19xx), `%Y` and literal separators; undefined when it does not parse.
 *
 * @example
 * ```ts
 * import { reformatDate } from "./normalizers.ts";
 * if (reformatDate("31.01.24", "%d.%m.%y") !== "2024-01-31") throw 1;
 * if (reformatDate("3/2024", "%m/%Y") !== "2024-03-01") throw 2;
 * if (reformatDate("12/31/70", "%m/%d/%y") !== "1970-12-31") throw 3;
 * if (reformatDate("2024-13-01", "%Y-%m-%d") !== undefined) throw 4;
 * ```
 */
export function reformatDate(value: string, format: string): string | undefined {
  let pattern = "^";
  const order: string[] = [];
  for (let i = 0; i < format.length; i++) {
    if (format[i] === "%" && i + 1 < format.length) {
      const d = format[++i];
      order.push(d);
      pattern += d === "Y" ? "(\\d{4})" : d === "y" ? "(\\d{2})" : "(\\d{1,2})";
    } else pattern += format[i].replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  const m = new RegExp(pattern + "$").exec(value);
  if (!m) return undefined;
  let y = 1900, mo = 1, d = 1;
  order.forEach((code, i) => {
    const n = Number(m[i + 1]);
    if (code === "Y") y = n;
    else if (code === "y") y = n < 69 ? 2000 + n : 1900 + n;
    else if (code === "m") mo = n;
    else if (code === "d") d = n;
  });
  return ymd(y, mo, d);
}

/** Marketplace id -> the date format of its seller feedback report. */
export const MARKETPLACE_DATE_FORMATS: Readonly<Record<string, string>> = {
  A2VIGQ35RCS4UG: "%d/%m/%y",
  A1PA6795UKMFR9: "%d.%m.%y",
  A1C3SOZRARQ6R3: "%d/%m/%y",
  ARBP9OOSHTCHU: "%d/%m/%y",
  A1RKKUPIHCS9HS: "%d/%m/%y",
  A13V1IB3VIYZZH: "%d/%m/%y",
  A21TJRUUN4KGV: "%d/%m/%y",
  APJ6JRA9NG5V4: "%d/%m/%y",
  A1805IZSGTT6HS: "%d/%m/%y",
  A17E79C6D8DWNP: "%d/%m/%y",
  A2NODRKZP88ZB9: "%Y-%m-%d",
  A33AVAJ2PDY3EV: "%d/%m/%y",
  A1F83G8C2ARO7P: "%d/%m/%y",
  AMEN7PMS3EDWL: "%d/%m/%y",
  A39IBJ37TRP1C6: "%d/%m/%y",
  A1VC38T7YXB528: "%y/%m/%d",
  A19VAU5U5O7RUS: "%d/%m/%y",
  ATVPDKIKX0DER: "%m/%d/%y",
  A2Q3Y263D00KWC: "%d/%m/%y",
  A2EUQ1WTGCTBG2: "%d/%m/%y",
  A1AM78C64UM0Y8: "%d/%m/%y",
};

// Offsets (minutes) of the time-zone abbreviations Amazon reports use.
const ZONES: Readonly<Record<string, number>> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  PST: -480,
  PDT: -420,
  MST: -420,
  MDT: -360,
  CST: -360,
  CDT: -300,
  EST: -300,
  EDT: -240,
  BST: 60,
  CET: 60,
  CEST: 120,
  EET: 120,
  EEST: 180,
  IST: 330,
  JST: 540,
  AEST: 600,
  AEDT: 660,
};

/**
 * A report date-time (`2023-01-31 10:00:00 PST`, `2023-01-31T10:00:00+00:00`, `2023-01-31`) as Python's
 * `dateparser.parse(value).isoformat()`, for the shapes Amazon reports use; undefined otherwise (the
 * reference's dateparser understands free text too).
 *
 * @example
 * ```ts
 * import { reportDateTime } from "./normalizers.ts";
 * if (reportDateTime("2023-01-31 10:00:00 PST") !== "2023-01-31T10:00:00-08:00") throw 1;
 * if (reportDateTime("2023-01-31T10:00:00+00:00") !== "2023-01-31T10:00:00+00:00") throw 2;
 * if (reportDateTime("2023-01-31") !== "2023-01-31T00:00:00") throw 3;
 * ```
 */
export function reportDateTime(value: string): string | undefined {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*(?:([A-Za-z]{1,5})|([+-]\d{2}):?(\d{2}))?$/
      .exec(value.trim());
  if (!m) return undefined;
  const date = ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  if (!date) return undefined;
  const frac = m[7] ? `.${m[7].padEnd(6, "0")}` : "";
  const time = `${m[4] ?? "00"}:${m[5] ?? "00"}:${m[6] ?? "00"}${frac === ".000000" ? "" : frac}`;
  let offset = "";
  if (m[8]) {
    const minutes = ZONES[m[8].toUpperCase()];
    if (minutes === undefined) return undefined;
    const abs = Math.abs(minutes);
    offset = `${minutes < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  } else if (m[9]) offset = `${m[9]}:${m[10]}`;
  return `${date}T${time}${offset}`;
}

type Custom = (value: unknown, schema: { [key: string]: unknown }) => unknown;

function normalizer(custom: Custom): (schema: JsonSchema) => (record: RecordData) => RecordData {
  return (schema) => {
    const normalize = schemaNormalizer(schema, {
      mode: "default",
      custom: (value, sub) => (isObject(sub) ? custom(value, sub) : value),
    });
    return (record) => normalize(record) ?? record;
  };
}

/** `LedgerDetailedViewReportsTypeTransformer`: `MM/YYYY` or `MM/DD/YYYY` dates to `YYYY-MM-DD`. */
export const ledgerDates = normalizer((value, schema) => {
  if (!value || schema.format !== "date" || typeof value !== "string") return value;
  return reformatDate(value, value.length <= 7 ? "%m/%Y" : "%m/%d/%Y") ?? value;
});

/** `MerchantListingsFypReportTypeTransformer`: parseable dates to `YYYY-MM-DD`. */
export const listingDates = normalizer((value, schema) => {
  if (!value || schema.format !== "date") return value;
  try {
    return toRfc3339(value).slice(0, 10);
  } catch {
    return value;
  }
});

/** `MerchantReportsTypeTransformer`: date-times with zone abbreviations to ISO 8601. */
export const merchantDateTimes = normalizer((value, schema) => {
  if (!value || schema.format !== "date-time" || typeof value !== "string") return value;
  return reportDateTime(value) ?? value;
});

/** `FlatFileSettlementV2ReportsTypeTransformer`: empty date-times become null. */
export const settlementDateTimes = normalizer((value, schema) =>
  value === "" && schema.format === "date-time" ? null : value
);

/**
 * `SellerFeedbackReportsTypeTransformer`: marketplace-formatted dates to `YYYY-MM-DD` (already ISO dates kept;
 * an unknown marketplace or a date in another format fails, as in the reference).
 *
 * @example
 * ```ts
 * import { sellerFeedbackDates } from "./normalizers.ts";
 * const schema = { type: "object", properties: { date: { type: ["null", "string"], format: "date" } } };
 * const r = sellerFeedbackDates("A1PA6795UKMFR9")(schema)({ date: "31.01.24" });
 * if (r.date !== "2024-01-31") throw new Error(JSON.stringify(r));
 * ```
 */
export function sellerFeedbackDates(
  marketplaceId: unknown,
): (schema: JsonSchema) => (record: RecordData) => RecordData {
  return normalizer((value, schema) => {
    if (!value || schema.format !== "date" || typeof value !== "string") return value;
    if (reformatDate(value, "%Y-%m-%d")) return value;
    const format = MARKETPLACE_DATE_FORMATS[String(marketplaceId)];
    if (!format) throw new Error(`Date format not found for Marketplace ID: ${String(marketplaceId)}`);
    const out = reformatDate(value, format);
    if (out === undefined) {
      throw new Error(
        `Error parsing date: ${value} is expected to be in format ${format} for marketplace_id: ${
          String(marketplaceId)
        }`,
      );
    }
    return out;
  });
}
