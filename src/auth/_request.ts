/**
 * Private helpers shared by authenticators: rebuilding requests with new headers or query parameters.
 * @module
 */

/** A static value or a (possibly async) provider of one. */
export type TokenSource = string | (() => string | Promise<string>);

/** Resolves a {@link TokenSource}. */
export async function resolveToken(source: TokenSource): Promise<string> {
  return typeof source === "function" ? await source() : source;
}

/** Copies `request` with a different URL and/or headers, keeping method, body and signal. */
export function rebuild(request: Request, changes: { url?: string; headers?: Headers }): Request {
  const init: RequestInit & { duplex?: "half" } = {
    method: request.method,
    headers: changes.headers ?? request.headers,
    signal: request.signal,
    redirect: request.redirect,
  };
  if (request.body) {
    init.body = request.body;
    init.duplex = "half";
  }
  return new Request(changes.url ?? request.url, init);
}

/** Returns `request` with header `name` set to `value`. */
export function withHeader(request: Request, name: string, value: string): Request {
  const headers = new Headers(request.headers);
  headers.set(name, value);
  return rebuild(request, { headers });
}

/** Returns `request` with query parameter `name` set to `value`. */
export function withQueryParam(request: Request, name: string, value: string): Request {
  const url = new URL(request.url);
  url.searchParams.set(name, value);
  return rebuild(request, { url: url.toString() });
}

/** UTF-8 aware base64. */
export function base64(text: string | Uint8Array): string {
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Reads a value at a path of keys/indexes in parsed JSON. */
export function getPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (Array.isArray(current) && /^\d+$/.test(key)) current = current[Number(key)];
    else if (typeof current === "object" && current !== null && Object.hasOwn(current, key)) {
      current = (current as Record<string, unknown>)[key];
    } else return undefined;
  }
  return current;
}
