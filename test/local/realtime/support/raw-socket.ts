/**
 * A WebSocket client on a bare TCP socket, for peers a real client library would not be: one
 * that never answers pings, or one that stops reading. It does the upgrade, sends masked text
 * frames, and parses what the server sends (server frames are never masked).
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export type ServerWsFrame = { opcode: number; payload: Buffer };

export const OPCODE = { text: 0x1, close: 0x8, ping: 0x9, pong: 0xa } as const;

export class RawWebSocket {
  private pending = Buffer.alloc(0);
  readonly frames: ServerWsFrame[] = [];
  private readonly listeners: Array<() => void> = [];
  /** Resolves when the TCP connection is gone. */
  readonly ended: Promise<void>;

  private constructor(readonly socket: Socket) {
    this.ended = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  /** Upgrades on `path` with the given subprotocols; resolves once the 101 has been read. */
  static open(port: number, path: string, protocols: string[]): Promise<RawWebSocket> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      const client = new RawWebSocket(socket);
      let head = Buffer.alloc(0);
      const onData = (chunk: Buffer): void => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        socket.off('data', onData);
        const status = head.subarray(0, head.indexOf('\r\n')).toString();
        if (!status.startsWith('HTTP/1.1 101')) return reject(new Error(`upgrade refused: ${status}`));
        socket.on('data', (data: Buffer) => client.read(data));
        client.read(head.subarray(end + 4));
        resolve(client);
      };
      socket.on('data', onData);
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.write(
          `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
            `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
            `Sec-WebSocket-Protocol: ${protocols.join(', ')}\r\n\r\n`,
        );
      });
    });
  }

  sendText(text: string): void {
    const payload = Buffer.from(text);
    const mask = randomBytes(4);
    const length = payload.length < 126 ? Buffer.from([0x80 | payload.length]) : Buffer.from([0x80 | 126, payload.length >> 8, payload.length & 0xff]);
    if (payload.length > 0xffff) throw new Error('frame too long for this client');
    const masked = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]));
    this.socket.write(Buffer.concat([Buffer.from([0x80 | OPCODE.text]), length, mask, masked]));
  }

  /** Resolves with the first frame (already read or still to come) that matches. */
  waitFor(match: (frame: ServerWsFrame) => boolean): Promise<ServerWsFrame> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const frame = this.frames.find(match);
        if (frame) resolve(frame);
        return frame !== undefined;
      };
      if (check()) return;
      const listener = (): void => {
        if (check()) this.listeners.splice(this.listeners.indexOf(listener), 1);
      };
      this.listeners.push(listener);
      void this.ended.then(() => {
        if (!check()) reject(new Error('connection ended before the frame arrived'));
      });
    });
  }

  /** The text frames read so far, as JSON. */
  get messages(): Array<Record<string, unknown>> {
    return this.frames.filter((f) => f.opcode === OPCODE.text).map((f) => JSON.parse(f.payload.toString()) as Record<string, unknown>);
  }

  private read(chunk: Buffer): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    for (;;) {
      if (this.pending.length < 2) break;
      let length = this.pending[1] & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.pending.length < 4) break;
        length = this.pending.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.pending.length < 10) break;
        length = Number(this.pending.readBigUInt64BE(2));
        offset = 10;
      }
      if (this.pending.length < offset + length) break;
      this.frames.push({ opcode: this.pending[0] & 0x0f, payload: Buffer.from(this.pending.subarray(offset, offset + length)) });
      this.pending = this.pending.subarray(offset + length);
    }
    for (const listener of [...this.listeners]) listener();
  }
}

/** A close frame's code and reason. */
export function closeOf(frame: ServerWsFrame): { code: number; reason: string } {
  return { code: frame.payload.readUInt16BE(0), reason: frame.payload.subarray(2).toString() };
}
