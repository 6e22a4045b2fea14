/**
 * The decoder contract: a Response body in, documents out (one for JSON/XML, many for JSONL/CSV).
 * @module
 */

/** Options every decoder accepts. */
export interface DecodeOptions {
  /** Largest body (after decompression) accepted, in bytes. Default 512 MiB. */
  maxBytes?: number;
  /** Aborts reading the body. */
  signal?: AbortSignal;
}

/** Turns a response into documents. Multi-document formats stream: documents are yielded as they are read. */
export interface Decoder {
  /** Decodes `response` (consuming its body). Throws `SpoutError("decode_error")` on malformed input. */
  decode(response: Response, options?: DecodeOptions): AsyncIterable<unknown>;
  /**
   * Optional fast path for single-body formats: all documents at once, without one async step per
   * document (same documents, same errors as `decode`).
   */
  decodeAll?(response: Response, options?: DecodeOptions): Promise<unknown[]>;
}

/** Default body cap (512 MiB). */
export const DEFAULT_MAX_BYTES: number = 512 * 1024 * 1024;
