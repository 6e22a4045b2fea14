/**
 * Decrypts a passphrase-protected PEM private key (`-----BEGIN ENCRYPTED PRIVATE KEY-----`, PKCS#8 with
 * PBES2: PBKDF2 with HMAC-SHA1/224/256/384/512 and AES-128/192/256-CBC, what OpenSSL and Python's
 * `cryptography` write) with Web Crypto, for `JwtAuthenticator.passphrase`. The result is an unencrypted
 * PKCS#8 PEM the JWT signer imports. Legacy OpenSSL encryption (`Proc-Type: 4,ENCRYPTED`, MD5-derived keys)
 * and DES/3DES schemes are refused with a message saying how to convert the key.
 * @module
 */
import { SpoutError } from "../../errors.ts";

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

function fail(message: string): never {
  throw new SpoutError("config_invalid", `The JWT private key could not be decrypted: ${message}`);
}

function tlv(bytes: Uint8Array, at: number, limit = bytes.length): Tlv {
  if (at + 2 > limit) fail("truncated DER structure");
  const tag = bytes[at];
  let len = bytes[at + 1];
  let p = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || p + n > limit) fail("bad DER length");
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + bytes[p + i];
    p += n;
  }
  if (p + len > limit) fail("truncated DER structure");
  return { tag, start: p, end: p + len };
}

function children(bytes: Uint8Array, node: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let p = node.start; p < node.end;) {
    const child = tlv(bytes, p, node.end);
    out.push(child);
    p = child.end;
  }
  return out;
}

function oid(bytes: Uint8Array, node: Tlv): string {
  if (node.tag !== 0x06) fail("expected an object identifier");
  const first = bytes[node.start];
  const parts = [Math.floor(first / 40), first % 40];
  let value = 0;
  for (let i = node.start + 1; i < node.end; i++) {
    value = value * 128 + (bytes[i] & 0x7f);
    if (!(bytes[i] & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join(".");
}

function integer(bytes: Uint8Array, node: Tlv): number {
  if (node.tag !== 0x02) fail("expected an integer");
  let value = 0;
  for (let i = node.start; i < node.end; i++) value = value * 256 + bytes[i];
  return value;
}

const PBES2 = "1.2.840.113549.1.5.13";
const PBKDF2 = "1.2.840.113549.1.5.12";
const PRF: Record<string, string> = {
  "1.2.840.113549.2.7": "SHA-1",
  "1.2.840.113549.2.8": "SHA-224",
  "1.2.840.113549.2.9": "SHA-256",
  "1.2.840.113549.2.10": "SHA-384",
  "1.2.840.113549.2.11": "SHA-512",
};
const AES: Record<string, number> = {
  "2.16.840.1.101.3.4.1.2": 16,
  "2.16.840.1.101.3.4.1.22": 24,
  "2.16.840.1.101.3.4.1.42": 32,
};

function base64Body(pem: string, label: string): Uint8Array | undefined {
  const match = new RegExp(`-----BEGIN ${label}-----([\\s\\S]+?)-----END ${label}-----`).exec(pem);
  if (!match) return undefined;
  try {
    return Uint8Array.from(atob(match[1].replace(/\s+/g, "")), (c) => c.charCodeAt(0));
  } catch {
    return fail("the PEM body is not base64");
  }
}

function toPem(der: Uint8Array): string {
  let binary = "";
  for (const b of der) binary += String.fromCharCode(b);
  const b64 = btoa(binary).replace(/.{1,64}/g, "$&\n");
  return `-----BEGIN PRIVATE KEY-----\n${b64}-----END PRIVATE KEY-----\n`;
}

/**
 * Decrypts an encrypted PKCS#8 PEM key with `passphrase` and returns it as an unencrypted PKCS#8 PEM.
 * A key that is not encrypted is an error, as in the reference (a passphrase was given for a plain key).
 *
 * @example
 * ```ts
 * import { decryptPrivateKeyPem } from "./jwt_key.ts";
 * let message = "";
 * try {
 *   await decryptPrivateKeyPem("-----BEGIN PRIVATE KEY-----\nAA==\n-----END PRIVATE KEY-----", "pw");
 * } catch (e) {
 *   message = (e as Error).message;
 * }
 * if (!message.includes("not encrypted")) throw new Error(message);
 * ```
 */
export async function decryptPrivateKeyPem(pem: string, passphrase: string): Promise<string> {
  const text = pem.replace(/\\n/g, "\n");
  if (/Proc-Type:\s*4,ENCRYPTED/.test(text)) {
    fail(
      "legacy OpenSSL key encryption is not supported; convert the key with " +
        "`openssl pkcs8 -topk8 -v2 aes-256-cbc` (PKCS#8, PBES2)",
    );
  }
  const der = base64Body(text, "ENCRYPTED PRIVATE KEY");
  if (!der) {
    fail(
      "a passphrase was given but the private key is not encrypted (-----BEGIN ENCRYPTED PRIVATE KEY-----)",
    );
  }
  const root = tlv(der, 0);
  const [algorithm, encrypted] = children(der, root);
  if (!algorithm || !encrypted || encrypted.tag !== 0x04) fail("not an EncryptedPrivateKeyInfo structure");
  const [schemeOid, schemeParams] = children(der, algorithm);
  if (oid(der, schemeOid) !== PBES2 || !schemeParams) {
    fail("only PBES2 encryption is supported; convert the key with `openssl pkcs8 -topk8 -v2 aes-256-cbc`");
  }
  const [kdf, cipher] = children(der, schemeParams);
  const [kdfOid, kdfParams] = children(der, kdf);
  if (oid(der, kdfOid) !== PBKDF2 || !kdfParams) fail("only the PBKDF2 key derivation is supported");
  const kdfFields = children(der, kdfParams);
  const salt = kdfFields[0];
  if (!salt || salt.tag !== 0x04) fail("PBKDF2 salt missing");
  const iterations = integer(der, kdfFields[1]);
  let hash = "SHA-1";
  for (const field of kdfFields.slice(2)) {
    if (field.tag === 0x30) {
      const prf = PRF[oid(der, children(der, field)[0])];
      if (!prf) fail("unsupported PBKDF2 pseudo-random function");
      hash = prf;
    }
  }
  const [cipherOid, ivNode] = children(der, cipher);
  const keyLength = AES[oid(der, cipherOid)];
  if (!keyLength || !ivNode || ivNode.tag !== 0x04) {
    fail(
      "only AES-CBC encrypted keys are supported; convert the key with `openssl pkcs8 -topk8 -v2 aes-256-cbc`",
    );
  }
  const subtle = crypto.subtle;
  const base = await subtle.importKey(
    "raw",
    new TextEncoder().encode(passphrase) as BufferSource,
    "PBKDF2",
    false,
    ["deriveBits"],
  );
  const bits = await subtle.deriveBits(
    { name: "PBKDF2", hash, salt: der.slice(salt.start, salt.end) as BufferSource, iterations },
    base,
    keyLength * 8,
  );
  const aes = await subtle.importKey("raw", bits, "AES-CBC", false, ["decrypt"]);
  let plain: ArrayBuffer;
  try {
    plain = await subtle.decrypt(
      { name: "AES-CBC", iv: der.slice(ivNode.start, ivNode.end) as BufferSource },
      aes,
      der.slice(encrypted.start, encrypted.end) as BufferSource,
    );
  } catch (error) {
    throw new SpoutError(
      "config_invalid",
      "The JWT private key could not be decrypted: wrong passphrase?",
      { cause: error },
    );
  }
  const out = new Uint8Array(plain);
  if (out[0] !== 0x30) fail("wrong passphrase?");
  return toPem(out);
}
