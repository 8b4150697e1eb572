import { createServer, Server, Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { ScramError, ScramExchange, ScramVerifier } from './scram.js';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const READY_FOR_QUERY = 0x5a; // 'Z'
const TERMINATE = 0x58; // 'X'
const PASSWORD_MESSAGE = 0x70; // 'p': SASLInitialResponse and SASLResponse
const SYNC = Buffer.from([0x53, 0, 0, 0, 4]); // 'S'
const SCRAM_SHA_256 = 'SCRAM-SHA-256';
/** PostgreSQL's limit on a startup packet (MAX_STARTUP_PACKET_LENGTH); SCRAM's messages are far shorter. */
const MAX_UNAUTHENTICATED_MESSAGE = 10_000;
const AUTHENTICATION_SASL = 10;
const AUTHENTICATION_SASL_CONTINUE = 11;
const AUTHENTICATION_SASL_FINAL = 12;

function backendMessage(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, body]);
}

function authentication(code: number, data: string | Buffer = Buffer.alloc(0)): Buffer {
  const codeBytes = Buffer.alloc(4);
  codeBytes.writeInt32BE(code);
  return backendMessage('R', Buffer.concat([codeBytes, Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8')]));
}

/** A FATAL ErrorResponse, as PostgreSQL sends before closing a connection it refuses. */
function fatalError(sqlState: string, message: string): Buffer {
  const field = (type: string, value: string) => Buffer.from(`${type}${value}\0`, 'utf8');
  return backendMessage('E', Buffer.concat([field('S', 'FATAL'), field('V', 'FATAL'), field('C', sqlState), field('M', message), Buffer.from([0])]));
}

/** The `user` parameter of a StartupMessage (for the refusal's wording, as PostgreSQL words it). */
function startupUser(message: Buffer): string {
  const parameters = message.subarray(8).toString('utf8').split('\0');
  const index = parameters.indexOf('user');
  return index >= 0 && index % 2 === 0 ? parameters[index + 1] : '';
}

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

/**
 * One client connection: its socket, and the complete frontend messages it has sent and not
 * yet had run. Nothing reaches the database before the client has proved it knows the
 * password (SCRAM-SHA-256, as PostgreSQL asks for it): only then is its StartupMessage run.
 */
class ClientConnection {
  readonly pending: Buffer[] = [];
  readonly replies = new ReadyForQueryScanner();
  private buffer: Buffer = Buffer.alloc(0);
  private phase: 'startup' | 'authentication' | 'ready' | 'refused' = 'startup';
  private startupMessage = Buffer.alloc(0);
  private scram?: ScramExchange;

  constructor(
    readonly socket: Socket,
    private readonly verifier: ScramVerifier,
  ) {}

  /** Splits what arrived into whole messages; answers SSL and GSS encryption requests with "no" itself. */
  receive(data: Buffer): void {
    this.buffer = this.buffer.length === 0 ? data : Buffer.concat([this.buffer, data]);
    for (;;) {
      if (this.phase === 'refused') return;
      const length = this.nextMessageLength();
      if (length === null || this.buffer.length < length) return;
      const message = this.buffer.subarray(0, length);
      this.buffer = this.buffer.subarray(length);
      if (this.phase === 'startup') {
        const code = message.readInt32BE(4);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          this.socket.write('N');
          continue;
        }
        if (code === CANCEL_REQUEST) {
          this.socket.destroy();
          return;
        }
        this.startupMessage = Buffer.from(message);
        this.phase = 'authentication';
        this.socket.write(authentication(AUTHENTICATION_SASL, `${SCRAM_SHA_256}\0\0`));
      } else if (this.phase === 'authentication') {
        this.authenticate(message);
      } else if (message[0] === TERMINATE) {
        this.socket.end();
        return;
      } else {
        this.pending.push(Buffer.from(message));
      }
    }
  }

  /** One step of the SCRAM exchange; a wrong password or anything unexpected ends the connection. */
  private authenticate(message: Buffer): void {
    try {
      if (message[0] !== PASSWORD_MESSAGE) throw new ScramError('a password message was expected');
      if (!this.scram) {
        // SASLInitialResponse: the mechanism's name, then the client-first-message's length and text.
        const nameEnd = message.indexOf(0, 5);
        if (nameEnd < 0 || message.toString('utf8', 5, nameEnd) !== SCRAM_SHA_256) throw new ScramError(`only ${SCRAM_SHA_256} is offered`);
        this.scram = this.verifier.exchange();
        this.socket.write(authentication(AUTHENTICATION_SASL_CONTINUE, this.scram.serverFirstMessage(message.toString('utf8', nameEnd + 5))));
        return;
      }
      const serverFinal = this.scram.serverFinalMessage(message.toString('utf8', 5));
      if (serverFinal === null) {
        this.refuse('28P01', `password authentication failed for user "${startupUser(this.startupMessage)}"`);
        return;
      }
      this.socket.write(authentication(AUTHENTICATION_SASL_FINAL, serverFinal));
      this.phase = 'ready';
      // PGlite answers it with AuthenticationOk, the parameters and ReadyForQuery.
      this.pending.push(this.startupMessage);
    } catch (error) {
      if (!(error instanceof ScramError)) throw error;
      this.refuse('08P01', `invalid authentication: ${error.message}`);
    }
  }

  /** Ends the connection with a FATAL error (what a client without the password gets). */
  refuse(sqlState: string, message: string): void {
    this.phase = 'refused';
    this.pending.length = 0;
    this.socket.end(fatalError(sqlState, message));
  }

  /** The next message's length; a length no message has (or, before the password, a huge one) refuses the client. */
  private nextMessageLength(): number | null {
    const startup = this.phase === 'startup';
    // A startup packet is its length and protocol code; any other message a type byte and its length.
    const shortest = startup ? 8 : 5;
    if (this.buffer.length < shortest) return null;
    const length = startup ? this.buffer.readInt32BE(0) : 1 + this.buffer.readInt32BE(1);
    if (length < shortest || (this.phase !== 'ready' && length > MAX_UNAUTHENTICATED_MESSAGE)) {
      this.refuse('08P01', 'invalid length of startup or authentication message');
      return null;
    }
    return length;
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
 *
 * Every client must know `password` (any user name is the one PGlite superuser).
 */
export class PGliteWireServer {
  private readonly server: Server;
  private readonly connections = new Set<ClientConnection>();
  private readonly waiting: ClientConnection[] = [];
  private owner: ClientConnection | null = null;
  private running = false;
  private readonly verifier: ScramVerifier;

  constructor(
    private readonly db: PGlite,
    password: string,
  ) {
    this.verifier = new ScramVerifier(password);
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
    for (const connection of this.connections) connection.socket.destroy();
    await this.close();
  }

  private accept(socket: Socket): void {
    socket.setNoDelay(true);
    const connection = new ClientConnection(socket, this.verifier);
    this.connections.add(connection);
    socket.on('data', (data: Buffer) => {
      try {
        connection.receive(data);
      } catch {
        // Bytes no PostgreSQL client sends: this client only is dropped.
        socket.destroy();
        return;
      }
      if (connection.pending.length > 0 && connection !== this.owner && !this.waiting.includes(connection)) {
        this.waiting.push(connection);
      }
      void this.pump();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.connections.delete(connection);
      void this.drop(connection);
    });
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
