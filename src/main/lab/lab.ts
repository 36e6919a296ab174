import { fromHex, toHex, utf8 } from "../../shared/bytes";
import type { CommandArgs, CommandName, CommandResult } from "../../shared/contract";
import { LabError, osError } from "../../shared/errors";
import type { LabEventBody } from "../../shared/events";
import type { Data } from "../../shared/socket-model";
import { EventHub } from "./event-hub";
import { FdTable } from "./fd-table";
import { toLabErrorInfo } from "./node-errors";
import { TcpSocket, type SocketHost } from "./tcp-socket";

type Handlers = { [N in CommandName]: (args: CommandArgs<N>) => Promise<CommandResult<N>> };

function toBytes(data: Data): Buffer {
  return Buffer.from(typeof data === "string" ? utf8(data) : fromHex(data.hex));
}

/**
 * The Lab: every socket a person or a scenario opened, behind an fd table.
 * Plain Node; the Electron shell, the browser-mode host and the CLI all drive
 * it through `call`, with arguments already checked against the contract.
 */
export class Lab {
  readonly events = new EventHub();
  private readonly fds = new FdTable<TcpSocket>();
  private readonly host: SocketHost = {
    emit: (body) => this.events.emit(body),
    adopt: (conn, parent) => this.register(TcpSocket.accepted(this.host, conn, parent)),
  };

  private readonly handlers: Handlers = {
    socket: async ({ family }) => ({ fd: this.register(new TcpSocket(this.host, family)).fd }),
    bind: async ({ fd, address }) => {
      await this.sock(fd).bind(address);
      return null;
    },
    listen: async ({ fd, backlog }) => {
      await this.sock(fd).listen(backlog);
      return null;
    },
    accept: async ({ fd }) => {
      const conn = await this.sock(fd).accept();
      const remote = conn.snapshot().remote;
      return { fd: conn.fd, address: remote ?? ["", 0] };
    },
    connect: async ({ fd, address }) => {
      await this.sock(fd).connect(address);
      return null;
    },
    send: ({ fd, data }) => this.sock(fd).send(toBytes(data)),
    recv: async ({ fd, bufsize }) => ({ hex: toHex(await this.sock(fd).recv(bufsize)) }),
    close: async ({ fd }) => {
      const sock = this.fds.get(fd);
      if (!sock) throw new LabError(osError("EBADF"));
      this.fds.release(fd);
      sock.close();
      return null;
    },
    auto: async ({ fd, accept, recv }) => {
      this.sock(fd).setAuto({ ...(accept === undefined ? {} : { accept }), ...(recv === undefined ? {} : { recv }) });
      return null;
    },
    snapshot: async () => ({ sockets: [...this.fds.values()].map((s) => s.snapshot()), seq: this.events.lastSeq }),
  };

  /**
   * Runs one command. A failure is thrown as a LabError carrying Python's
   * exception type and errno, and is also logged as an error event.
   */
  async call<N extends CommandName>(name: N, args: CommandArgs<N>): Promise<CommandResult<N>> {
    const handler: (args: CommandArgs<N>) => Promise<CommandResult<N>> = this.handlers[name];
    try {
      return await handler(args);
    } catch (err) {
      const info = toLabErrorInfo(err);
      const fd = "fd" in args && typeof args.fd === "number" ? args.fd : -1;
      this.emit({ type: "error", fd, op: name, error: info });
      throw err instanceof LabError ? err : new LabError(info);
    }
  }

  /** Closes every socket, as a quitting process would. */
  closeAll(): void {
    for (const sock of [...this.fds.values()]) {
      this.fds.release(sock.fd);
      sock.close();
    }
  }

  get socketCount(): number {
    return this.fds.size;
  }

  private emit(body: LabEventBody): void {
    this.events.emit(body);
  }

  private register(sock: TcpSocket): TcpSocket {
    sock.fd = this.fds.allocate(sock);
    this.emit({ type: "created", fd: sock.fd, socket: sock.snapshot() });
    return sock;
  }

  private sock(fd: number): TcpSocket {
    const sock = this.fds.get(fd);
    if (!sock) throw new LabError(osError("EBADF"));
    return sock;
  }
}

