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

/** Close codes by their IANA registry names (RFC 6455 §7.4.1, §11.7). 1004 is reserved and unnamed. */
export const CloseCode = {
  Normal: 1000,
  GoingAway: 1001,
  ProtocolError: 1002,
  UnsupportedData: 1003,
  /** Reported only: the close frame carried no code (§7.1.5). Never sent. */
  NoStatusReceived: 1005,
  /** Reported only: no close frame arrived before TCP closed (§7.1.5). Never sent. */
  AbnormalClosure: 1006,
  InvalidPayload: 1007,
  PolicyViolation: 1008,
  MessageTooBig: 1009,
  MandatoryExtension: 1010,
  InternalError: 1011,
  ServiceRestart: 1012,
  TryAgainLater: 1013,
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
