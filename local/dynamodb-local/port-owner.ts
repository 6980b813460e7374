import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/**
 * Whether the process `pid` holds the socket listening on TCP `port`, from Linux's /proc: the
 * listening socket's inode (in /proc/net/tcp or tcp6) must be one of the process's descriptors.
 * A DynamoDB Local that failed to bind can see another process's answer on its port (one that
 * took the port while it was free) and take it for its own; this tells them apart. Where /proc
 * is missing (macOS) the answer is null: unknown, and the caller trusts the answer it got.
 */
export function holdsListeningPort(pid: number, port: number): boolean | null {
  let tables: string[];
  try {
    tables = ['/proc/net/tcp', '/proc/net/tcp6'].map((file) => readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  const inodes = new Set(listeningInodes(tables.join('\n'), port));
  if (inodes.size === 0) return false;
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false; // gone, or not ours to read
  }
  return fds.some((fd) => {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      return match !== null && inodes.has(match[1] as string);
    } catch {
      return false;
    }
  });
}

/** Inodes of the sockets in LISTEN state (0A) on `port`, from /proc/net/tcp{,6} text. */
export function listeningInodes(table: string, port: number): string[] {
  const portHex = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes: string[] = [];
  for (const line of table.split('\n')) {
    const fields = line.trim().split(/\s+/);
    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
    if (fields.length < 10 || fields[3] !== '0A') continue;
    if ((fields[1] ?? '').split(':')[1] === portHex) inodes.push(fields[9] as string);
  }
  return inodes;
}
