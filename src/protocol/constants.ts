// Wire constants of RFC 6455 and the defaults for the limits the client enforces.

/** Frame opcodes (RFC 6455 §5.2, §11.8); 0x3-0x7 and 0xB-0xF are reserved. */
export const Opcode = {
  Continuation: 0x0,
  Text: 0x1,
  Binary: 0x2,
  Close: 0x8,
  Ping: 0x9,
  Pong: 0xa,
} as const;
export type Opcode = (typeof Opcode)[keyof typeof Opcode];

/** The bits of a frame's first byte (§5.2): FIN, RSV1-3, and the opcode in the low four. */
export const Bits = { Fin: 0x80, Rsv1: 0x40, Rsv2: 0x20, Rsv3: 0x10, Opcode: 0x0f } as const;

/** Close codes by their IANA registry names (RFC 6455 §7.4.1, §11.7). 1004 is reserved and unnamed. */
export const CloseCode = {
  /** The purpose of the connection was fulfilled (§7.4.1). */
  Normal: 1000,
  /** An endpoint is going away: a server shutting down, a page navigated away from (§7.4.1). */
  GoingAway: 1001,
  /** An endpoint broke the protocol (§7.4.1). */
  ProtocolError: 1002,
  /** A kind of data the endpoint cannot accept, e.g. binary where only text is understood (§7.4.1). */
  UnsupportedData: 1003,
  /** Reported only: the close frame carried no code (§7.1.5). Never sent. */
  NoStatusReceived: 1005,
  /** Reported only: no close frame arrived before TCP closed (§7.1.5). Never sent. */
  AbnormalClosure: 1006,
  /** Data inconsistent with the message type, e.g. text that is not UTF-8 (§7.4.1). */
  InvalidPayload: 1007,
  /** A message broke the endpoint's policy; the generic refusal (§7.4.1). */
  PolicyViolation: 1008,
  /** A message too big to process (§7.4.1); the client sends it for one over `maxPayload`. */
  MessageTooBig: 1009,
  /** Client only: the server did not accept an extension the client needs (§7.4.1). */
  MandatoryExtension: 1010,
  /** The server met a condition that kept it from fulfilling the request (§7.4.1); the client sends it for a fault of its own. */
  InternalError: 1011,
  /** The server is restarting: reconnect, after a delay (IANA registry, §11.7). */
  ServiceRestart: 1012,
  /** The server is overloaded for now: reconnect later (IANA registry, §11.7). */
  TryAgainLater: 1013,
  /** A gateway or proxy got an invalid response from the server behind it (IANA registry, §11.7). */
  BadGateway: 1014,
  /** Reported only: the TLS handshake failed. Never sent. */
  TlsHandshake: 1015,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Default message size limit in bytes (100 MiB), the same as the `ws` client's, so switching changes nothing. */
export const DEFAULT_MAX_PAYLOAD = 100 * 1024 * 1024;

/** RFC 6455 §5.5: control frames carry at most 125 payload bytes. */
export const MAX_CONTROL_PAYLOAD = 125;

/** RFC 6455 §5.5.1: a close reason fits in a control frame after the 2-byte code. */
export const MAX_CLOSE_REASON_BYTES = MAX_CONTROL_PAYLOAD - 2;
