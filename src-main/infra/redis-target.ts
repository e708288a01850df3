/**
 * Where the app's Redis is: one server (a URL) or a Sentinel deployment (a primary found through
 * sentinels, which promote a replica when the primary fails). Redis Cluster is not an option for
 * the shared carts: the web channel's layout puts one cart's keys in different hash slots and lives
 * in database 1, which a cluster does not have.
 */

export interface SentinelAddress {
  host: string;
  port: number;
}

export interface SentinelTarget {
  kind: "sentinel";
  sentinels: SentinelAddress[];
  /** The monitored primary's name in the sentinels' configuration (`sentinel monitor <name> ...`). */
  name: string;
  sentinelPassword?: string;
  /** The password of the primary and replicas (`requirepass`). */
  password?: string;
  /** Always 1, the web channel's database. */
  db: number;
}

export type RedisTarget = string | SentinelTarget;

/** The target as people read it, without passwords. */
export function describeRedisTarget(target: RedisTarget): string {
  if (typeof target === "string") return redactUrl(target);
  const list = target.sentinels.map((s) => `${s.host}:${s.port}`).join(",");
  return `sentinel://${target.name}@${list}/${target.db}`;
}

/**
 * Hides secrets in a URL shown to people: redis://:secret@host -> redis://:***@host, and so the
 * model server's URL (OPENAI_BASE_URL), whose secret may also sit in the query (Azure's
 * `?api-key=`). A URL with nothing to hide is returned as written.
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    let hidden = false;
    if (parsed.password) {
      parsed.password = "***";
      hidden = true;
    }
    for (const name of [...parsed.searchParams.keys()]) {
      if (/key|token|secret|password|sig/i.test(name)) {
        parsed.searchParams.set(name, "***");
        hidden = true;
      }
    }
    return hidden ? parsed.toString().replace(/%2A%2A%2A/g, "***") : url;
  } catch {
    return url;
  }
}
