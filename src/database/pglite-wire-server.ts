import { createServer, Server, Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const READY_FOR_QUERY = 0x5a; // 'Z'
const TERMINATE = 0x58; // 'X'
const SYNC = Buffer.from([0x53, 0, 0, 0, 4]); // 'S'

function simpleQuery(sql: string): Buffer {
  const text = Buffer.from(`${sql}\0`, 'utf8');
  const header = Buffer.alloc(5);
  header[0] = 0x51; // 'Q'
  header.writeInt32BE(4 + text.length, 1);
  return Buffer.concat([header, text]);
}

/**
 * Follows the backend messages PGlite writes and remembers the status of the last
 * ReadyForQuery ('I' idle, 'T' in a transaction, 'E' in a failed one), without copying rows.
 */
class ReadyForQueryScanner {
  private readonly header = Buffer.alloc(5);
  private headerBytes = 0;
  private bodyLeft = 0;
  private inReadyForQuery = false;
  status: string | null = null;

  feed(chunk: Uint8Array): void {
    let index = 0;
    while (index < chunk.length) {
      if (this.bodyLeft > 0) {
        if (this.inReadyForQuery) {
          this.status = String.fromCharCode(chunk[index]);
          this.inReadyForQuery = false;
        }
        const taken = Math.min(this.bodyLeft, chunk.length - index);
        index += taken;
        this.bodyLeft -= taken;
        continue;
      }
      this.header[this.headerBytes++] = chunk[index++];
      if (this.headerBytes === 5) {
        this.headerBytes = 0;
        this.bodyLeft = this.header.readInt32BE(1) - 4;
        this.inReadyForQuery = this.header[0] === READY_FOR_QUERY;
      }
    }
  }
}

/** One client connection: its socket, and the complete frontend messages it has sent and not yet had run. */
class ClientConnection {
  readonly pending: Buffer[] = [];
  readonly replies = new ReadyForQueryScanner();
  private buffer: Buffer = Buffer.alloc(0);
  private startupDone = false;

  constructor(readonly socket: Socket) {}

  /** Splits what arrived into whole messages; answers SSL and GSS encryption requests with "no" itself. */
  receive(data: Buffer): void {
    this.buffer = this.buffer.length === 0 ? data : Buffer.concat([this.buffer, data]);
    for (;;) {
      const length = this.nextMessageLength();
      if (length === null || this.buffer.length < length) return;
      const message = this.buffer.subarray(0, length);
      this.buffer = this.buffer.subarray(length);
      if (!this.startupDone) {
        const code = message.readInt32BE(4);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          this.socket.write('N');
          continue;
        }
        if (code === CANCEL_REQUEST) {
          this.socket.destroy();
          return;
        }
        this.startupDone = true;
      } else if (message[0] === TERMINATE) {
        this.socket.end();
        return;
      }
      this.pending.push(Buffer.from(message));
    }
  }

  private nextMessageLength(): number | null {
    if (!this.startupDone) return this.buffer.length >= 8 ? this.buffer.readInt32BE(0) : null;
    return this.buffer.length >= 5 ? 1 + this.buffer.readInt32BE(1) : null;
  }
}

/**
 * PostgreSQL's wire protocol in front of one PGlite session, so `pg` (and TypeORM) can use
 * the embedded database through an ordinary connection pool.
 *
 * PGlite is a single backend: every connection shares its session. A connection therefore
 * owns the session from its first message until PGlite answers ReadyForQuery with status
 * idle, i.e. for a whole query cycle (Parse/Bind/Execute/Sync, a simple query, COPY) and, if
 * it opened one, a whole transaction; the others wait their turn in arrival order. Handing
 * the session over between single messages (as @electric-sql/pglite-socket does outside
 * transactions, pglite#1046) lets one connection's Bind meet another's Parse.
 */
export class PGliteWireServer {
  private readonly server: Server;
  private readonly waiting: ClientConnection[] = [];
  private owner: ClientConnection | null = null;
  private running = false;

  constructor(private readonly db: PGlite) {
    this.server = createServer((socket) => this.accept(socket));
  }

  /** Listens on a loopback port (0: any free one) and says which. */
  listen(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        const address = this.server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Stops accepting and drops every client; call before closing the database. */
  async closeAll(): Promise<void> {
    for (const connection of [...this.waiting, ...(this.owner ? [this.owner] : [])]) connection.socket.destroy();
    await this.close();
  }

  private accept(socket: Socket): void {
    socket.setNoDelay(true);
    const connection = new ClientConnection(socket);
    socket.on('data', (data: Buffer) => {
      connection.receive(data);
      if (connection.pending.length > 0 && connection !== this.owner && !this.waiting.includes(connection)) {
        this.waiting.push(connection);
      }
      void this.pump();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => void this.drop(connection));
  }

  /** Runs messages, one connection's turn at a time, until no one has anything ready. */
  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        if (!this.owner) this.owner = this.waiting.shift() ?? null;
        const connection = this.owner;
        const message = connection?.pending.shift();
        // The owner is between messages of its turn (mid-transaction): wait for it.
        if (!connection || !message) return;
        await this.run(connection, message);
        if (connection.replies.status === 'I' && connection.pending.length === 0) this.owner = null;
        else if (connection.replies.status === 'I') {
          // Its turn is over; what it sent meanwhile waits behind the others.
          this.owner = null;
          this.waiting.push(connection);
        }
        if (connection.socket.destroyed && this.owner === connection) await this.endTurnOf(connection);
      }
    } finally {
      this.running = false;
    }
  }

  private async run(connection: ClientConnection, message: Buffer): Promise<void> {
    connection.replies.status = null;
    try {
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(message, {
          onRawData: (chunk) => {
            connection.replies.feed(chunk);
            if (!connection.socket.destroyed) connection.socket.write(chunk);
          },
        }),
      );
    } catch {
      connection.socket.destroy();
    }
  }

  /** A client went away: its half-done cycle and open transaction must not stay in the shared session. */
  private async drop(connection: ClientConnection): Promise<void> {
    const queued = this.waiting.indexOf(connection);
    if (queued >= 0) this.waiting.splice(queued, 1);
    connection.pending.length = 0;
    if (this.owner !== connection || this.running) return;
    await this.endTurnOf(connection);
    void this.pump();
  }

  private async endTurnOf(connection: ClientConnection): Promise<void> {
    const discard = { onRawData: () => undefined };
    try {
      await this.db.runExclusive(async () => {
        await this.db.execProtocolRawStream(SYNC, discard);
        if (this.db.isInTransaction()) await this.db.execProtocolRawStream(simpleQuery('ROLLBACK'), discard);
      });
    } catch {
      // The database itself is closing; nothing is left to clean.
    } finally {
      if (this.owner === connection) this.owner = null;
    }
  }
}
