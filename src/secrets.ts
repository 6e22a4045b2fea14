/**
 * Secret masking: every secret is replaced in raw, URL-encoded, JSON-escaped and base64 forms.
 * @module
 */
import { isObject } from "./types.ts";

/** What a masked secret is replaced with. */
export const MASK = "****";

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * Collects secrets and masks them in any text.
 *
 * @example
 * ```ts
 * import { SecretMasker } from "./secrets.ts";
 * const masker = new SecretMasker();
 * masker.add("s3cr3t/pw");
 * const out = masker.mask("token=s3cr3t%2Fpw " + btoa("s3cr3t/pw"));
 * if (out.includes("s3cr3t")) throw new Error("leak");
 * ```
 */
export class SecretMasker {
  #forms = new Set<string>();
  #pattern: RegExp | undefined;

  /** Registers a secret (values shorter than 3 characters are ignored: masking them would mangle text). */
  add(secret: unknown): void {
    if (typeof secret !== "string" && typeof secret !== "number") return;
    const raw = String(secret);
    if (raw.length < 3) return;
    const forms = [
      raw,
      encodeURIComponent(raw),
      encodeURIComponent(raw).replace(/%20/g, "+"),
      new URLSearchParams({ s: raw }).toString().slice(2), // form/query encoding also escapes ' ( ) ! ~ *
      JSON.stringify(raw).slice(1, -1),
      base64(raw),
      base64(raw).replace(/=+$/, ""),
      base64(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""),
    ];
    let changed = false;
    for (const form of forms) {
      if (form.length >= 3 && !this.#forms.has(form)) {
        this.#forms.add(form);
        changed = true;
      }
    }
    if (changed) this.#pattern = undefined;
  }

  /** Registers `user:password` Basic credentials in every form (and the parts). */
  addBasic(user: string, password: string): void {
    this.add(password);
    this.add(`${user}:${password}`);
  }

  /** Registers every value of `config` whose spec property is marked `airbyte_secret`. */
  addFromSpec(config: unknown, spec: unknown): void {
    walkSecrets(config, spec, (value) => this.add(value));
  }

  /** Number of distinct forms registered. */
  get size(): number {
    return this.#forms.size;
  }

  /** Returns `text` with every registered form replaced by {@link MASK}. */
  mask(text: string): string {
    if (this.#forms.size === 0) return text;
    if (!this.#pattern) {
      const sorted = [...this.#forms].sort((a, b) => b.length - a.length);
      this.#pattern = new RegExp(sorted.map(escapeRegExp).join("|"), "g");
    }
    return text.replace(this.#pattern, MASK);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function walkSecrets(value: unknown, schema: unknown, found: (value: unknown) => void, depth = 0): void {
  if (!isObject(schema) || depth > 64) return;
  if (schema.airbyte_secret === true) {
    if (typeof value === "string" || typeof value === "number") found(value);
    return;
  }
  const branches = [schema.oneOf, schema.anyOf, schema.allOf].filter(Array.isArray).flat();
  for (const branch of branches) walkSecrets(value, branch, found, depth + 1);
  if (isObject(value) && isObject(schema.properties)) {
    for (const [key, sub] of Object.entries(schema.properties)) {
      if (Object.hasOwn(value, key)) walkSecrets(value[key], sub, found, depth + 1);
    }
  }
  if (Array.isArray(value) && isObject(schema.items)) {
    for (const item of value) walkSecrets(item, schema.items, found, depth + 1);
  }
}
