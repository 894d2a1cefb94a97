// A transport driven step by step by tests of the public class: no network, no timers.
import { ERROR_POLICY } from '../../src/policy/reconnect-policy.js';
import { argumentChecks } from '../../src/socket/argument-checks.js';
import { confirmDelivery } from '../../src/socket/delivery-confirmation.js';
import { defineSteadySocket } from '../../src/socket/steady-socket.js';
import type { SteadySocketConstructor } from '../../src/socket/steady-socket-types.js';
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

/** A FakeTransport that can confirm delivery (as the Node transport does); the test answers with `confirmUpTo`. */
export class ConfirmingFakeTransport extends FakeTransport {
  /** Confirmations asked for, in order, with how many messages had been sent when each was asked. */
  readonly confirmations: Array<{ afterSent: number; confirmed: () => void }> = [];

  confirm(confirmed: () => void): void {
    this.confirmations.push({ afterSent: this.sent.length, confirmed });
  }
  /** The peer answered the confirmation asked `index`-th (and so every earlier one). */
  answer(index: number): void {
    this.confirmations[index]!.confirmed();
  }
}

type MakeTransport = (request: TransportRequest, listener: TransportListener) => FakeTransport;
/** Where FakeSocket passes its transport maker to the factory: the options reach it untouched. */
const MAKER = Symbol('make a fake transport');
type FakeOptions = SteadySocketOptions<unknown, unknown> & { readonly [MAKER]?: MakeTransport };

/** The class as an entry file makes it, bound to FakeTransports, which take checked arguments and report errors as the Node transport does. */
export const FakeBase = defineSteadySocket<FakeOptions>({
  transport: (request, listener, options) => options![MAKER]!(request, listener),
  ...argumentChecks(),
  errorPolicy: ERROR_POLICY,
  confirmDelivery,
}) as SteadySocketConstructor;

/** A SteadySocket whose transports are FakeTransports, kept in `transports` in creation order. */
export class FakeSocket<In = MessageData, Out = SendData, T extends FakeTransport = FakeTransport> extends FakeBase<In, Out> {
  readonly transports: T[];

  constructor(
    url: Provider<string | URL>,
    protocols?: Provider<string | readonly string[] | undefined>,
    options?: SteadySocketOptions<In, Out>,
    makeTransport: (request: TransportRequest, listener: TransportListener) => T = (request, listener) => new FakeTransport(request, listener) as T,
  ) {
    const transports: T[] = [];
    const make: MakeTransport = (request, listener) => {
      const transport = makeTransport(request, listener);
      transports.push(transport);
      return transport;
    };
    super(url, protocols, { ...options, [MAKER]: make } as SteadySocketOptions<In, Out>);
    this.transports = transports;
  }

  get current(): T {
    return this.transports.at(-1)!;
  }
}
