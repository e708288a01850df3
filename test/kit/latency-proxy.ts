import net from "node:net";

/**
 * A TCP proxy on 127.0.0.1 that holds every chunk for a fixed time in each direction, so that a
 * benchmark can put the shop's network between a kiosk and the one Redis the kiosks share (e.g.
 * 250 µs each way: a 0.5 ms round trip) without touching the machine's network settings.
 *
 * Node's timers cannot wait less than 1 ms, so while any chunk is held the proxy polls the clock
 * with setImmediate; it is idle otherwise. Chunks keep their order (the delay is the same for all).
 * Bounded: loopback only on both sides, a connection limit, and a cap on the bytes held per
 * direction beyond which the sending side is paused until the queue drains.
 */

export interface LatencyProxyOptions {
  /** The port of the server to forward to, on loopback. */
  targetPort: number;
  targetHost?: "127.0.0.1" | "::1" | "localhost";
  /** Delay added in each direction, in microseconds (0 to 100 000). */
  oneWayDelayUs: number;
  maxConnections?: number;
  /** Bytes held per direction before the sender is paused. */
  maxHeldBytes?: number;
}

export interface LatencyProxy {
  /** The proxy's own port on 127.0.0.1. */
  port: number;
  oneWayDelayUs: number;
  close(): Promise<void>;
}

const loopbackHosts = new Set(["127.0.0.1", "::1", "localhost"]);

export async function startLatencyProxy(options: LatencyProxyOptions): Promise<LatencyProxy> {
  const targetHost = options.targetHost ?? "127.0.0.1";
  const { targetPort, oneWayDelayUs } = options;
  const maxHeldBytes = options.maxHeldBytes ?? 1 << 20;
  if (!loopbackHosts.has(targetHost))
    throw new Error(`the latency proxy forwards to loopback only, not ${targetHost}`);
  if (!Number.isInteger(targetPort) || targetPort < 1 || targetPort > 65_535) {
    throw new Error(`target port ${targetPort} is not a TCP port`);
  }
  if (!Number.isInteger(oneWayDelayUs) || oneWayDelayUs < 0 || oneWayDelayUs > 100_000) {
    throw new Error(`one-way delay ${oneWayDelayUs} µs is not a whole number from 0 to 100000`);
  }
  const delayNs = BigInt(oneWayDelayUs) * 1_000n;

  /** One direction of one connection: chunks read from `from`, written to `to` when due. */
  class Pipe {
    private readonly chunks: Array<{ due: bigint; chunk: Buffer }> = [];
    private head = 0;
    private heldBytes = 0;
    private ended = false;

    constructor(
      private readonly from: net.Socket,
      private readonly to: net.Socket,
    ) {
      from.on("data", (chunk: Buffer) => {
        this.chunks.push({ due: process.hrtime.bigint() + delayNs, chunk });
        this.heldBytes += chunk.length;
        if (this.heldBytes > maxHeldBytes) from.pause();
        hold(this);
      });
      from.on("end", () => {
        this.ended = true;
        hold(this);
      });
    }

    /** Writes what is due; true while chunks (or an end) are still held. */
    release(now: bigint): boolean {
      while (this.head < this.chunks.length && this.chunks[this.head]!.due <= now) {
        const { chunk } = this.chunks[this.head++]!;
        this.heldBytes -= chunk.length;
        if (!this.to.destroyed) this.to.write(chunk);
      }
      if (this.head === this.chunks.length) {
        this.chunks.length = 0;
        this.head = 0;
      }
      if (this.heldBytes <= maxHeldBytes && this.from.isPaused()) this.from.resume();
      if (this.chunks.length > 0) return true;
      if (this.ended && !this.to.destroyed) this.to.end();
      return false;
    }
  }

  const held = new Set<Pipe>();
  let polling = false;
  const poll = () => {
    const now = process.hrtime.bigint();
    for (const pipe of held) if (!pipe.release(now)) held.delete(pipe);
    if (held.size > 0) setImmediate(poll);
    else polling = false;
  };
  const hold = (pipe: Pipe) => {
    held.add(pipe);
    if (!polling) {
      polling = true;
      setImmediate(poll);
    }
  };

  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  };

  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    const upstream = net.connect({ host: targetHost, port: targetPort, allowHalfOpen: true });
    track(client);
    track(upstream);
    // Without this, Nagle's algorithm would hold small replies for tens of milliseconds.
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    new Pipe(client, upstream);
    new Pipe(upstream, client);
    const destroyBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", destroyBoth);
    upstream.on("error", destroyBoth);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  server.maxConnections = options.maxConnections ?? 64;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });

  return {
    port: (server.address() as net.AddressInfo).port,
    oneWayDelayUs,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
