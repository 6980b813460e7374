/** A `ws` client that lets a test await the server's frames one by one. */
import WebSocket from 'ws';

export type Frame = { type: string; id?: string; payload?: unknown } & Record<string, unknown>;

export class FrameClient {
  private readonly queue: Frame[] = [];
  private readonly waiters: Array<{ resolve: (frame: Frame) => void; reject: (error: Error) => void }> = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private isClosed = false;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Frame;
      const waiter = this.waiters.shift();
      if (waiter) waiter.resolve(frame);
      else this.queue.push(frame);
    });
    this.closed = new Promise((resolve) => {
      socket.once('close', (code, reason) => {
        this.isClosed = true;
        for (const waiter of this.waiters.splice(0)) waiter.reject(new Error(`socket closed (${code})`));
        resolve({ code, reason: reason.toString() });
      });
    });
  }

  static open(url: string, protocols?: string | string[], options?: WebSocket.ClientOptions): Promise<FrameClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, protocols, options);
      const client = new FrameClient(socket);
      socket.once('open', () => resolve(client));
      socket.once('error', reject);
    });
  }

  /** Opens with Amplify's subprotocols and completes connection_init / ack / ka. */
  static async connected(url: string, header: Record<string, unknown> = { Authorization: 'allow-ann', host: 'localhost' }): Promise<FrameClient> {
    const client = await FrameClient.open(url, ['graphql-ws', `header-${Buffer.from(JSON.stringify(header)).toString('base64url')}`]);
    client.send({ type: 'connection_init' });
    const ack = await client.next();
    const ka = await client.next();
    if (ack.type !== 'connection_ack' || ka.type !== 'ka') throw new Error(`handshake failed: ${JSON.stringify([ack, ka])}`);
    return client;
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  next(): Promise<Frame> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.isClosed) return Promise.reject(new Error('socket closed'));
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** The next frame that is not a ka. */
  async nextNonKa(): Promise<Frame> {
    for (;;) {
      const frame = await this.next();
      if (frame.type !== 'ka') return frame;
    }
  }

  /** Frames already received and not yet read. */
  get buffered(): Frame[] {
    return [...this.queue];
  }

  close(): Promise<{ code: number; reason: string }> {
    if (!this.isClosed) this.socket.close();
    return this.closed;
  }
}
