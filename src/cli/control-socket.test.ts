import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fitsSocketAddress, openControlSocket, runThroughServer, type CommandRunner, type ControlSocket } from './control-socket.ts';

const opened: ControlSocket[] = [];
const folders: string[] = [];

function folder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-ctl-'));
  folders.push(dir);
  return dir;
}

async function open(socketPath: string, run: CommandRunner, failures: string[] = []): Promise<ControlSocket> {
  const socket = await openControlSocket(socketPath, run, (_error, command) => failures.push(command));
  opened.push(socket);
  return socket;
}

function collect() {
  const lines = { out: [] as string[], err: [] as string[] };
  return { lines, io: { out: (line: string) => lines.out.push(line), err: (line: string) => lines.err.push(line) } };
}

afterEach(async () => {
  for (const socket of opened.splice(0)) await socket.close();
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the control socket', () => {
  it('is reachable by its owner only: mode 0600', async () => {
    const socketPath = path.join(folder(), 'bureau.sock');
    await open(socketPath, async () => 0);
    const stat = fs.statSync(socketPath);
    expect(stat.isSocket()).toBe(true);
    expect(stat.mode & 0o777).toBe(0o600);
  });

  it('runs the command in the server with the caller’s folder, streams its output in order, and returns its exit code', async () => {
    const socketPath = path.join(folder(), 'bureau.sock');
    await open(socketPath, async (argv, cwd, io) => {
      io.out(`ran ${argv.join(' ')} in ${cwd}`);
      io.err('a warning');
      io.out('done');
      return 3;
    });
    const { lines, io } = collect();
    expect(await runThroughServer(socketPath, ['backup', 'x.gz'], '/home/operator', io)).toBe(3);
    expect(lines.out).toEqual(['ran backup x.gz in /home/operator', 'done']);
    expect(lines.err).toEqual(['a warning']);
  });

  it('answers a command line that is not a database command with the usage', async () => {
    const socketPath = path.join(folder(), 'bureau.sock');
    await open(socketPath, async () => 'usage');
    expect(await runThroughServer(socketPath, ['frobnicate'], '/', collect().io)).toBe('usage');
  });

  it('turns a failing command into exit code 1 and a sentence, and keeps serving', async () => {
    const socketPath = path.join(folder(), 'bureau.sock');
    const failures: string[] = [];
    let calls = 0;
    await open(
      socketPath,
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('the disk is full');
        return 0;
      },
      failures,
    );
    const { lines, io } = collect();
    expect(await runThroughServer(socketPath, ['backup', 'x.gz'], '/', io)).toBe(1);
    expect(lines.err).toEqual(['bureau: the disk is full']);
    expect(failures).toEqual(['backup']);
    expect(await runThroughServer(socketPath, ['audit', 'verify'], '/', collect().io)).toBe(0);
  });

  it('runs commands one after another, never two at once', async () => {
    const socketPath = path.join(folder(), 'bureau.sock');
    let running = 0;
    let most = 0;
    await open(socketPath, async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 30));
      running -= 1;
      return 0;
    });
    const codes = await Promise.all(Array.from({ length: 4 }, () => runThroughServer(socketPath, ['user', 'list'], '/', collect().io)));
    expect(codes).toEqual([0, 0, 0, 0]);
    expect(most).toBe(1);
  });

  it('refuses a request it does not understand', async () => {
    const socketPath = path.join(folder(), 'bureau.sock');
    let ran = false;
    await open(socketPath, async () => {
      ran = true;
      return 0;
    });
    const answer = await new Promise<string>((resolve) => {
      const connection = net.connect(socketPath, () => connection.write('{"argv":"backup"}\n'));
      let text = '';
      connection.on('data', (d) => (text += d));
      connection.on('close', () => resolve(text));
    });
    expect(answer).toContain('"exit":64');
    expect(ran).toBe(false);
  });

  it('replaces the socket a crashed server left behind, and removes its own when it closes', async () => {
    const socketPath = path.join(folder(), 'bureau.sock');
    // A socket file nobody listens on any more, as after kill -9.
    const crashed = net.createServer();
    await new Promise<void>((resolve) => crashed.listen(socketPath, resolve));
    fs.renameSync(socketPath, `${socketPath}.kept`);
    await new Promise<void>((resolve) => crashed.close(() => resolve()));
    fs.renameSync(`${socketPath}.kept`, socketPath);
    const socket = await openControlSocket(socketPath, async () => 7, () => undefined);
    expect(await runThroughServer(socketPath, ['migrate'], '/', collect().io)).toBe(7);
    await socket.close();
    expect(fs.existsSync(socketPath)).toBe(false);
  });

  it('knows when a path is too long for a socket address', () => {
    expect(fitsSocketAddress('/srv/bureau/data/bureau.sock')).toBe(true);
    expect(fitsSocketAddress(`/srv/${'x'.repeat(120)}/bureau.sock`)).toBe(false);
  });
});
