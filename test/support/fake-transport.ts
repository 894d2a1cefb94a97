// A transport driven step by step by tests of the public class: no network, no timers.
import { SteadySocketBase } from '../../src/socket/steady-socket.js';
import type { SteadySocketOptions } from '../../src/socket/options.js';
import type { Provider } from '../../src/policy/providers.js';
import { sendDataSize } from '../../src/socket/send-data.js';
import {
  ReadyState,
  type BinaryType,
  type MessageData,
  type SendData,
  type Transport,
  type TransportCloseInfo,
  type TransportListener,
  type TransportRequest,
} from '../../src/transport/transport.js';

export class FakeTransport implements Transport {
  readyState: ReadyState = ReadyState.CONNECTING;
  protocol = '';
  extensions = '';
  binaryType: BinaryType = 'blob';
  bufferedAmount = 0;
  /** Browsers' native sockets report no drain; set false to make the owner poll instead. */
  reportsDrain = true;
  readonly sent: SendData[] = [];
  readonly pings: Array<Uint8Array | undefined> = [];
  closedWith: { code: number | undefined; reason: string | undefined } | undefined;
  terminated = false;

  constructor(
    readonly request: TransportRequest,
    readonly listener: TransportListener,
  ) {}

  // What the transport's user does (sends stay buffered until the test calls written()):
  send(data: SendData): void {
    this.sent.push(data);
    this.bufferedAmount += sendDataSize(data);
  }
  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
    if (this.readyState === ReadyState.OPEN || this.readyState === ReadyState.CONNECTING) this.readyState = ReadyState.CLOSING;
  }
  ping(payload?: Uint8Array): void {
    this.pings.push(payload);
  }
  terminate(): void {
    this.terminated = true;
    this.readyState = ReadyState.CLOSED;
  }

  // What the network does (driven by the test):
  open(protocol = ''): void {
    this.protocol = protocol;
    this.readyState = ReadyState.OPEN;
    this.listener.open();
  }
  receive(data: MessageData): void {
    this.listener.message(data);
  }
  lose(info: TransportCloseInfo = { code: 1006, reason: '', wasClean: false }, error?: Error): void {
    this.readyState = ReadyState.CLOSED;
    if (error) this.listener.error(error);
    this.listener.close(info);
  }
  /** The network took `bytes` of what was buffered. */
  written(bytes: number): void {
    this.bufferedAmount -= bytes;
    if (this.reportsDrain) this.listener.drain();
  }
}

/** A SteadySocket whose transports are FakeTransports, kept in `transports` in creation order. */
export class FakeSocket<In = MessageData, Out = SendData> extends SteadySocketBase<In, Out, SteadySocketOptions<In, Out>> {
  readonly transports: FakeTransport[];

  constructor(url: Provider<string | URL>, protocols?: Provider<string | readonly string[] | undefined>, options?: SteadySocketOptions<In, Out>) {
    const transports: FakeTransport[] = [];
    super(
      (request, listener) => {
        const transport = new FakeTransport(request, listener);
        transports.push(transport);
        return transport;
      },
      url,
      protocols,
      options,
    );
    this.transports = transports;
  }

  get current(): FakeTransport {
    return this.transports.at(-1)!;
  }
}
