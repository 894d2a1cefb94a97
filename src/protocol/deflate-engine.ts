// The compression engine permessage-deflate (RFC 7692) runs through: injected, because zlib is
// platform code and asynchronous.

/**
 * Compression as the protocol core needs it. Each direction keeps one zlib context (reset per
 * message when context takeover is off); calls of one direction never overlap.
 */
export interface DeflateEngine {
  /** Deflates one whole message; the result has no trailing 00 00 FF FF (§7.2.1). */
  compress(data: Uint8Array): Promise<Uint8Array>;
  /**
   * Inflates one whole message from its payload pieces (the 00 00 FF FF tail is added here,
   * §7.2.2). Rejects with a ProtocolError 'message-too-big' as soon as the output would pass
   * `maxSize`, without producing the rest, and 'invalid-compressed-data' for bad input.
   */
  decompress(pieces: readonly Uint8Array[], maxSize: number): Promise<Uint8Array>;
  /** Frees the zlib contexts. */
  close(): void;
}
