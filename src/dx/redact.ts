/**
 * Credential redaction for recorded HTTP bodies, and the matchers replay uses on recorded (masked) values.
 *
 * The secret masker only knows secrets it was told about, and tokens issued by an API (an OAuth token
 * response's `access_token` and rotated `refresh_token`) reach it only after the response was read, so recorded
 * bodies are also redacted by key: JSON and form fields named like credentials get the mask.
 * @module
 */
import { MASK } from "../secrets.ts";

const CREDENTIAL_KEY =
  /^(access_?token|refresh_?token|id_?token|auth_?token|session_?token|token|api_?key|apikey|client_?secret|password|passwd|secret|private_?key|assertion|code_?verifier)$/i;

const CREDENTIAL_HEADER =
  /(^|-)(api-?key|apikey|token|secret|password|session|signature|auth)(-|$)|^set-cookie$/i;

/**
 * True for a header name that usually carries a credential (`X-Api-Key`, `X-Auth-Token`, `Set-Cookie`, …),
 * hidden in recordings even when no authenticator registered it.
 *
 * @example
 * ```ts
 * import { isCredentialHeaderName } from "./redact.ts";
 * if (!isCredentialHeaderName("X-Api-Key") || isCredentialHeaderName("Content-Type")) throw new Error();
 * ```
 */
export function isCredentialHeaderName(name: string): boolean {
  return CREDENTIAL_HEADER.test(name);
}

/** True for a JSON / form field name that holds a credential. */
export function isCredentialKey(key: string): boolean {
  return CREDENTIAL_KEY.test(key);
}

function redactValue(value: unknown, depth: number): { value: unknown; changed: boolean } {
  if (depth > 64 || typeof value !== "object" || value === null) return { value, changed: false };
  let changed = false;
  if (Array.isArray(value)) {
    const out = value.map((item) => {
      const r = redactValue(item, depth + 1);
      changed ||= r.changed;
      return r.value;
    });
    return { value: out, changed };
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (isCredentialKey(key) && (typeof item === "string" || typeof item === "number") && item !== "") {
      out[key] = MASK;
      changed = true;
    } else {
      const r = redactValue(item, depth + 1);
      changed ||= r.changed;
      out[key] = r.value;
    }
  }
  return { value: out, changed };
}

/**
 * Replaces the values of credential-named fields in a JSON or form-encoded body (other text is returned as is).
 *
 * @example
 * ```ts
 * import { redactCredentials } from "./redact.ts";
 * const json = redactCredentials('{"access_token":"abc","expires_in":3600}');
 * if (json !== '{"access_token":"****","expires_in":3600}') throw new Error(json);
 * const form = redactCredentials("grant_type=refresh_token&refresh_token=r1", "application/x-www-form-urlencoded");
 * if (form !== "grant_type=refresh_token&refresh_token=****") throw new Error(form);
 * ```
 */
export function redactCredentials(text: string, contentType = ""): string {
  const trimmed = text.trimStart();
  if (/json/i.test(contentType) || trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      const redacted = redactValue(JSON.parse(text), 0);
      return redacted.changed ? JSON.stringify(redacted.value) : text;
    } catch {
      return text;
    }
  }
  if (
    /x-www-form-urlencoded/i.test(contentType) || /^[\w.%+-]+=[^&]*(&[\w.%+-]+=[^&]*)*$/.test(text.trim())
  ) {
    let changed = false;
    const parts = text.split("&").map((pair) => {
      const eq = pair.indexOf("=");
      if (eq <= 0) return pair;
      const key = decodeURIComponent(pair.slice(0, eq).replace(/\+/g, " "));
      if (!isCredentialKey(key) || pair.slice(eq + 1) === "") return pair;
      changed = true;
      return `${pair.slice(0, eq)}=${MASK}`;
    });
    return changed ? parts.join("&") : text;
  }
  return text;
}

/** A matcher where each `****` in the recorded text matches any run of characters. */
export function maskedMatcher(recorded: string): (actual: string) => boolean {
  if (!recorded.includes(MASK)) return (actual) => actual === recorded;
  const pattern = recorded.split(MASK).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(
    "[\\s\\S]*?",
  );
  const regex = new RegExp(`^${pattern}$`);
  return (actual) => regex.test(actual);
}

function jsonMatches(recorded: unknown, actual: unknown, depth: number): boolean {
  if (depth > 64) return false;
  if (typeof recorded === "string") {
    if (recorded.includes(MASK)) {
      return (typeof actual === "string" || typeof actual === "number") &&
        maskedMatcher(recorded)(String(actual));
    }
    return recorded === actual;
  }
  if (Array.isArray(recorded)) {
    return Array.isArray(actual) && actual.length === recorded.length &&
      recorded.every((item, i) => jsonMatches(item, actual[i], depth + 1));
  }
  if (typeof recorded === "object" && recorded !== null) {
    if (typeof actual !== "object" || actual === null || Array.isArray(actual)) return false;
    const keys = Object.keys(recorded);
    const actualKeys = Object.keys(actual);
    return keys.length === actualKeys.length && keys.every((key) =>
      Object.hasOwn(actual, key) &&
      jsonMatches(
        (recorded as Record<string, unknown>)[key],
        (actual as Record<string, unknown>)[key],
        depth + 1,
      )
    );
  }
  return recorded === actual;
}

/**
 * Matches request bodies: JSON bodies structurally (key order and spacing ignored, masked strings match any
 * value), anything else as text with masked parts as wildcards.
 *
 * @example
 * ```ts
 * import { bodyMatcher } from "./redact.ts";
 * const match = bodyMatcher('{"user":"a","password":"****"}');
 * if (!match('{ "password": "hunter2", "user": "a" }')) throw new Error("json");
 * if (match('{"user":"b","password":"x"}')) throw new Error("different user");
 * ```
 */
export function bodyMatcher(recorded: string): (actual: string) => boolean {
  const text = maskedMatcher(recorded);
  let parsed: unknown;
  try {
    parsed = recorded.trim() === "" ? undefined : JSON.parse(recorded);
  } catch {
    return text;
  }
  if (parsed === undefined) return text;
  return (actual) => {
    if (text(actual)) return true;
    try {
      return jsonMatches(parsed, JSON.parse(actual), 0);
    } catch {
      return false;
    }
  };
}
