/**
 * The server's control socket: a Unix domain socket in the data folder through which `bureau` commands run
 * inside the running server, on its own database connection, while it holds the embedded database.
 */
import fs from 'node:fs';
import net from 'node:net';
import readline from 'node:readline';
import type { CliOutput } from './admin-commands.ts';

/*
 * Who may use it: whoever can open the socket file. It is created mode 0600 (bound under a temporary name,
 * restricted, then renamed into place, so it is never reachable with looser rights) in the data folder,
 * which only the server's user can read. No other authentication: that user can read the whole database
 * folder anyway. See docs/operations.md ("Commands while the server runs").
 *
 * The exchange is JSON, one value per line. The command line sends { argv, cwd }; the server answers
 * { out } and { err } lines as the command writes them, then { exit } (with usage: true when the
 * command line was not a database command). Commands run one after another, never two at once.
 */

export const controlSocketName = 'bureau.sock';

/**
 * Whether a socket can be bound at this path: a Unix socket address holds 108 bytes on Linux and 104 on
 * macOS, and Node binds a longer path cut short instead of failing.
 */
export function fitsSocketAddress(socketPath: string): boolean {
  return Buffer.byteLength(`${socketPath}.${process.pid}.tmp`) < 104;
}

export type CommandRunner = (argv: string[], cwd: string, io: CliOutput) => Promise<number | 'usage'>;

interface Request {
  argv: string[];
  cwd: string;
}

type Reply = { out: string } | { err: string } | { exit: number; usage?: true };

/** Longer than any command line an operator types; a connection that sends more is cut. */
const maxRequestBytes = 64 * 1024;

/** How long a connection may take to send its command line. */
const requestTimeoutMs = 30_000;

function parseRequest(line: string): Request | undefined {
  try {
    const value = JSON.parse(line) as Partial<Request>;
    const argvOk = Array.isArray(value.argv) && value.argv.every((arg) => typeof arg === 'string');
    return argvOk && typeof value.cwd === 'string' ? { argv: value.argv!, cwd: value.cwd } : undefined;
  } catch {
    return undefined;
  }
}

export interface ControlSocket {
  path: string;
  close(): Promise<void>;
}

/** Listens on socketPath (replacing a socket a crashed server left) and runs each command it receives. */
export async function openControlSocket(socketPath: string, run: CommandRunner, onFailure: (error: unknown, command: string) => void): Promise<ControlSocket> {
  let queue: Promise<unknown> = Promise.resolve();
  const server = net.createServer((connection) => {
    connection.on('error', () => undefined);
    const send = (reply: Reply) => {
      if (!connection.destroyed) connection.write(`${JSON.stringify(reply)}\n`);
    };
    let received = 0;
    let requested = false;
    connection.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxRequestBytes) connection.destroy();
    });
    // A connection that never says what to run would hold up the server's shutdown.
    connection.setTimeout(requestTimeoutMs, () => {
      if (!requested) connection.destroy();
    });
    const lines = readline.createInterface({ input: connection });
    lines.once('line', (line) => {
      requested = true;
      lines.close();
      const request = parseRequest(line);
      if (!request) {
        send({ err: 'bureau: the control socket did not understand the request.' });
        send({ exit: 64 });
        connection.end();
        return;
      }
      const io: CliOutput = { out: (text) => send({ out: text }), err: (text) => send({ err: text }) };
      const runOne = async () => {
        try {
          const code = await run(request.argv, request.cwd, io);
          send(code === 'usage' ? { exit: 64, usage: true } : { exit: code });
        } catch (error) {
          onFailure(error, request.argv[0] ?? '');
          send({ err: `bureau: ${error instanceof Error ? error.message : String(error)}` });
          send({ exit: 1 });
        }
        connection.end();
      };
      queue = queue.then(runOne, runOne);
    });
  });
  const temporary = `${socketPath}.${process.pid}.tmp`;
  fs.rmSync(temporary, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(temporary, () => {
      server.off('error', reject);
      resolve();
    });
  });
  fs.chmodSync(temporary, 0o600);
  fs.renameSync(temporary, socketPath);
  return {
    path: socketPath,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await queue.catch(() => undefined);
      fs.rmSync(socketPath, { force: true });
    },
  };
}

/** Runs argv inside the server listening on socketPath, writing its output to io; resolves to its exit code. */
export function runThroughServer(socketPath: string, argv: string[], cwd: string, io: CliOutput): Promise<number | 'usage'> {
  return new Promise((resolve, reject) => {
    const connection = net.connect(socketPath);
    let exit: number | 'usage' | undefined;
    connection.once('error', reject);
    connection.once('connect', () => connection.write(`${JSON.stringify({ argv, cwd } satisfies Request)}\n`));
    const lines = readline.createInterface({ input: connection });
    lines.on('line', (line) => {
      const reply = JSON.parse(line) as Reply;
      if ('out' in reply) io.out(reply.out);
      else if ('err' in reply) io.err(reply.err);
      else exit = reply.usage ? 'usage' : reply.exit;
    });
    connection.once('close', () => {
      if (exit === undefined) reject(new Error('the server ended the connection before the command finished; its log says why'));
      else resolve(exit);
    });
  });
}
