import type { Redis } from "ioredis";

/**
 * ioredis can end a Sentinel client for good (status "end": no more reconnects, every command
 * refused at once) without the app asking: when a sentinel's +switch-master reaches the failover
 * detector of the previous connection while the client is asking the sentinels for the new
 * primary, the detector's disconnect() clears the connector's `connecting` flag and the connect
 * attempt gives up with "Connection is closed" (ioredis 5.11.1, SentinelConnector.connect). Seen
 * in the failover tests on a loaded machine: a kiosk that never wrote again after a failover.
 *
 * So a client that ends while the app has not closed it is connected again, as are its
 * duplicates (live sync's subscribers). quit() and disconnect() still end it for good.
 */

const restartDelayMs = 100;

export function restartWhenEndedUnasked(client: Redis): Redis {
  let closing = false;
  const quit = client.quit.bind(client);
  const disconnect = client.disconnect.bind(client);
  const duplicate = client.duplicate.bind(client);
  client.quit = ((...args: Parameters<Redis["quit"]>) => {
    closing = true;
    return quit(...args);
  }) as Redis["quit"];
  client.disconnect = (reconnect = false) => {
    if (!reconnect) closing = true;
    disconnect(reconnect);
  };
  client.duplicate = (override) => restartWhenEndedUnasked(duplicate(override));
  client.on("end", () => {
    if (closing) return;
    setTimeout(() => {
      if (!closing && client.status === "end") client.connect().catch(() => {});
    }, restartDelayMs).unref();
  });
  return client;
}
