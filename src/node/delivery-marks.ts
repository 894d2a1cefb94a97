// Delivery confirmation on a Node connection: a ping with a numbered payload sent behind some
// messages; its pong proves the server read them, because TCP keeps the order and RFC 6455
// §5.5.2 obliges the server to answer every ping it reads.

/** "ssqm" and then the mark's number: tells our pongs from the application's. */
const PREFIX = [0x73, 0x73, 0x71, 0x6d];
const PAYLOAD_LENGTH = PREFIX.length + 4;

interface Mark {
  readonly id: number;
  readonly payload: Uint8Array;
  readonly confirmed: () => void;
}

export class DeliveryMarks {
  #next = 0;
  /** Marks sent and not yet answered, oldest first. */
  #pending: Mark[] = [];

  /** A new mark: returns the ping payload that carries it; `confirmed` runs when its pong arrives. */
  add(confirmed: () => void): Uint8Array {
    const id = this.#next;
    this.#next = (this.#next + 1) >>> 0;
    const payload = new Uint8Array(PAYLOAD_LENGTH);
    payload.set(PREFIX);
    new DataView(payload.buffer).setUint32(PREFIX.length, id);
    this.#pending.push({ id, payload, confirmed });
    return payload;
  }

  /**
   * A pong arrived. Ours: the marks up to its number are confirmed, oldest first (the pong of a
   * later ping also proves the earlier ones were read), and true is returned. Not ours: false.
   */
  pong(payload: Uint8Array): boolean {
    if (!isMark(payload)) return false;
    const id = new DataView(payload.buffer, payload.byteOffset, payload.byteLength).getUint32(PREFIX.length);
    const index = this.#pending.findIndex((mark) => mark.id === id);
    // A repeated answer (the mark was sent again) or an unsolicited copy: already settled.
    if (index === -1) return true;
    for (const mark of this.#pending.splice(0, index + 1)) mark.confirmed();
    return true;
  }

  /**
   * The payload to send again when a pong that is not ours arrives while marks wait: §5.5.3
   * lets a peer that got several pings answer only the latest, so an application ping sent
   * after our mark may have swallowed its pong. Undefined when nothing waits.
   */
  newestPending(): Uint8Array | undefined {
    return this.#pending.at(-1)?.payload;
  }
}

function isMark(payload: Uint8Array): boolean {
  return payload.length === PAYLOAD_LENGTH && PREFIX.every((byte, index) => payload[index] === byte);
}
