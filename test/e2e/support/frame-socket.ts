/**
 * A realtime socket for property tests: it sends any text or binary frame, keeps every message
 * the server sends exactly as it came (text or binary, JSON or not), and lets a test await the
 * next answer (anything but `ka`), a frame that matches, or the close, each with a deadline so a
 * server that never answers fails the test instead of hanging it.
 */
import WebSocket from 'ws';

export interface ReceivedMessage {
  raw: string;
  isBinary: boolean;
  /** The parsed JSON, or undefined when the message is not JSON. */
  frame: { type?: unknown; id?: unknown; payload?: unknown } | undefined;
}

export class FrameSocket {
  /** Every message received, in order. */
  readonly received: ReceivedMessage[] = [];
  private taken = 0;
  private listeners: Array<() => void> = [];
  closeEvent: { code: number; reason: string } | null = null;
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      const raw = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
      let frame: ReceivedMessage['frame'];
      try {
        const parsed: unknown = JSON.parse(raw);
        frame = typeof parsed === 'object' && parsed !== null ? (parsed as ReceivedMessage['frame']) : undefined;
      } catch {
        frame = undefined;
      }
      this.received.push({ raw, isBinary, frame });
      this.notify();
    });
    // A refused upgrade or reset connection ends up as a close too.
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      socket.once('close', (code, reason) => {
        this.closeEvent = { code, reason: reason.toString() };
        this.notify();
        resolve(this.closeEvent);
      }),
    );
  }

  /** Opens with the given subprotocols; resolves once open (or rejects if the upgrade fails). */
  static open(url: string, protocols: string[], ca: string): Promise<FrameSocket> {
    const socket = new WebSocket(url, protocols, { ca });
    const client = new FrameSocket(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: HTTP ${res.statusCode}`)));
      socket.once('error', reject);
    });
  }

  get isOpen(): boolean {
    return this.closeEvent === null && this.socket.readyState === WebSocket.OPEN;
  }

  sendText(text: string): void {
    if (this.isOpen) this.socket.send(text);
  }

  sendBinary(bytes: Uint8Array): void {
    if (this.isOpen) this.socket.send(bytes, { binary: true });
  }

  /** The next message after those already taken that is not a `ka`; null when the socket closed first. */
  nextAnswer(deadlineMs: number): Promise<ReceivedMessage | null> {
    return this.waitUntil(deadlineMs, 'an answer', () => {
      while (this.taken < this.received.length) {
        const message = this.received[this.taken] as ReceivedMessage;
        this.taken += 1;
        if (message.frame?.type !== 'ka') return { value: message };
      }
      return this.closeEvent ? { value: null } : undefined;
    });
  }

  /** The answers (frames other than ka) after those taken, up to and including the first that matches. */
  async answersUntil(match: (m: ReceivedMessage) => boolean, deadlineMs: number): Promise<ReceivedMessage[]> {
    const answers: ReceivedMessage[] = [];
    for (;;) {
      const answer = await this.nextAnswer(deadlineMs);
      if (answer === null) return answers;
      answers.push(answer);
      if (match(answer)) return answers;
    }
  }

  /** How many messages have been received so far: a mark for waitFor. */
  mark(): number {
    return this.received.length;
  }

  /** The first message received from `since` on that matches; null when the socket closed first. */
  waitFor(match: (m: ReceivedMessage) => boolean, deadlineMs: number, since = 0): Promise<ReceivedMessage | null> {
    return this.waitUntil(deadlineMs, 'a matching frame', () => {
      const found = this.received.slice(since).find(match);
      if (found) return { value: found };
      return this.closeEvent ? { value: null } : undefined;
    });
  }

  close(): Promise<{ code: number; reason: string }> {
    if (this.closeEvent === null) this.socket.close();
    return this.closed;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private waitUntil<T>(deadlineMs: number, what: string, check: () => { value: T } | undefined): Promise<T> {
    return new Promise((resolve, reject) => {
      const listener = (): void => {
        const result = check();
        if (!result) return;
        done();
        resolve(result.value);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${what} within ${deadlineMs} ms; received: ${JSON.stringify(this.received.map((m) => m.raw.slice(0, 200)))}`));
      }, deadlineMs);
      const done = (): void => {
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
      };
      this.listeners.push(listener);
      listener();
    });
  }
}
