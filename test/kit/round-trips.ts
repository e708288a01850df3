import { Redis } from "ioredis";

/**
 * The commands one call sends to the server, as the server's MONITOR sees them: commands a script
 * runs inside Redis are marked "lua" there and are not round trips. MONITOR reports commands in
 * the order the server runs them, so a marker sent after the call ends the count exactly. INFO is
 * not counted: it is what a connecting ioredis client (the monitor's own) sends first, never a
 * cart operation.
 */
export async function countRoundTrips(
  url: string,
  call: () => Promise<unknown>,
  /**
   * Count only what this client sends: in a whole app (a shell) other connections work at the same
   * time, such as the counter's order-queue reader, which reads again as soon as an order event
   * wakes its blocking XREAD.
   */
  from?: Redis,
): Promise<number> {
  const source = from && `${from.stream.localAddress}:${from.stream.localPort}`;
  const marker = new Redis(url);
  await marker.ping();
  const monitorClient = new Redis(url);
  const monitor = await monitorClient.monitor();
  const token = `round-trips-end-${process.pid}-${Date.now()}`;
  let sent = 0;
  const ended = new Promise<void>((resolve) => {
    monitor.on("monitor", (_time: string, args: string[], origin: string) => {
      if (args[0]?.toLowerCase() === "echo" && args[1] === token) resolve();
      else if (origin !== "lua" && args[0]?.toLowerCase() !== "info" && (!source || origin.endsWith(source)))
        sent++;
    });
  });
  try {
    await call();
    await marker.echo(token);
    await ended;
    return sent;
  } finally {
    monitor.disconnect();
    monitorClient.disconnect();
    marker.disconnect();
  }
}
