/**
 * Options every authenticator accepts.
 * @module
 */
import type { SecretMasker } from "../secrets.ts";
import type { CredentialRegistry } from "../http/credentials.ts";

/** Where an authenticator registers its secrets and credential names. */
export interface AuthOptions {
  /** Every secret the authenticator sees or obtains is added here. */
  masker?: SecretMasker;
  /** Header/query names carrying credentials are registered here (redirect stripping, log hiding). */
  credentials?: CredentialRegistry;
}
