/**
 * A raw AppSync realtime connection for authorization tests: any header object (a token, none,
 * SigV4 headers), a handshake that reports connection_ack or connection_error instead of
 * waiting for an ack, and starts with the caller's own `payload.data` string (an IAM start
 * signs exactly that string).
 */
import WebSocket from 'ws';

export type Frame = { type: string; id?: string; payload?: Record<string, unknown> };

export class RealtimeProbe {
  private readonly frames: Frame[] = [];
  private readonly waiters: Array<{ match: (f: Frame) => boolean; resolve: (f: Frame) => void; reject: (e: Error) => void }> = [];
  private isClosed = false;
  readonly closed: Promise<void>;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as Frame;
      const waiter = this.waiters.find((w) => w.match(frame));
      if (!waiter) return void this.frames.push(frame);
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(frame);
    });
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.isClosed = true;
        // A frame that never came will not come now: fail the wait instead of hanging.
        for (const w of this.waiters.splice(0)) w.reject(new Error(`socket closed; frames not taken: ${JSON.stringify(this.frames)}`));
        resolve();
      }),
    );
  }

  /** Opens the socket with the header in the `header-` subprotocol and sends connection_init. */
  static async open(realtimeUrl: string, header: Record<string, string>, ca: string): Promise<RealtimeProbe> {
    const encoded = Buffer.from(JSON.stringify(header)).toString('base64url');
    const socket = new WebSocket(realtimeUrl, ['graphql-ws', `header-${encoded}`], { ca });
    const probe = new RealtimeProbe(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    socket.send(JSON.stringify({ type: 'connection_init' }));
    return probe;
  }

  /** The answer to connection_init: connection_ack or connection_error. */
  handshake(): Promise<Frame> {
    return this.next((f) => f.type === 'connection_ack' || f.type === 'connection_error');
  }

  /** Sends a start and resolves with its start_ack or error. */
  start(id: string, data: string, authorization: Record<string, string>): Promise<Frame> {
    this.socket.send(JSON.stringify({ id, type: 'start', payload: { data, extensions: { authorization } } }));
    return this.next((f) => f.id === id && (f.type === 'start_ack' || f.type === 'error'));
  }

  /** Sends a stop and resolves with its complete. */
  stop(id: string): Promise<Frame> {
    this.socket.send(JSON.stringify({ type: 'stop', id }));
    return this.next((f) => f.id === id && f.type === 'complete');
  }

  close(): Promise<void> {
    this.socket.close();
    return this.closed;
  }

  private next(match: (f: Frame) => boolean): Promise<Frame> {
    const index = this.frames.findIndex(match);
    if (index >= 0) return Promise.resolve(this.frames.splice(index, 1)[0] as Frame);
    if (this.isClosed) return Promise.reject(new Error(`socket closed; frames not taken: ${JSON.stringify(this.frames)}`));
    return new Promise((resolve, reject) => this.waiters.push({ match, resolve, reject }));
  }
}
