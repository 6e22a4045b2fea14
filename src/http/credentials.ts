/**
 * Which request header and query parameter names carry credentials. Authenticators register their names
 * here; the redirect layer strips them on cross-origin hops and the logging layer hides their values.
 * @module
 */
import { MASK } from "../secrets.ts";

/** Header names that always carry credentials. */
export const ALWAYS_CREDENTIAL_HEADERS: readonly string[] = [
  "authorization",
  "proxy-authorization",
  "cookie",
];

/**
 * A set of credential header and query parameter names (case-insensitive headers, exact query names).
 *
 * @example
 * ```ts
 * import { CredentialRegistry } from "./credentials.ts";
 * const creds = new CredentialRegistry();
 * creds.addHeader("X-Api-Key");
 * if (!creds.isCredentialHeader("x-api-key") || !creds.isCredentialHeader("Authorization")) throw new Error();
 * ```
 */
export class CredentialRegistry {
  #headers = new Set<string>(ALWAYS_CREDENTIAL_HEADERS);
  #query = new Set<string>();

  /** Registers a header name. */
  addHeader(name: string): void {
    this.#headers.add(name.toLowerCase());
  }

  /** Registers a query parameter name. */
  addQueryParam(name: string): void {
    this.#query.add(name);
  }

  /** True when `name` is a credential header. */
  isCredentialHeader(name: string): boolean {
    return this.#headers.has(name.toLowerCase());
  }

  /** True when `name` is a credential query parameter. */
  isCredentialQueryParam(name: string): boolean {
    return this.#query.has(name);
  }

  /** Registered header names (lower case). */
  get headers(): string[] {
    return [...this.#headers];
  }

  /** Registered query parameter names. */
  get queryParams(): string[] {
    return [...this.#query];
  }

  /** Returns `url` with credential query parameter values replaced by the mask. */
  maskUrl(url: string): string {
    if (this.#query.size === 0) return url;
    try {
      const u = new URL(url);
      let changed = false;
      for (const name of this.#query) {
        if (u.searchParams.has(name)) {
          u.searchParams.set(name, MASK);
          changed = true;
        }
      }
      return changed ? u.toString() : url;
    } catch {
      return url;
    }
  }
}
