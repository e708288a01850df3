/**
 * Who may talk to the web server. A browser on the kiosk will open a WebSocket to any address a
 * page asks for, so the WebSocket accepts only pages served by us (same origin) or origins listed
 * in ALLOWED_ORIGINS. On loopback the Host header is checked too: a hostile site that rebinds its
 * DNS name to 127.0.0.1 is "same origin" with itself, but its Host header still names its domain.
 */

const loopbackNames = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

export function isLoopbackHost(host: string): boolean {
  return loopbackNames.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export interface OriginPolicyOptions {
  /** The address the server is bound to. */
  host: string;
  /** The port it actually listens on. */
  port: number;
  allowedOrigins?: readonly string[];
}

export class OriginPolicy {
  private readonly loopback: boolean;
  private readonly port: string;
  private readonly allowed: ReadonlySet<string>;

  constructor(options: OriginPolicyOptions) {
    this.loopback = isLoopbackHost(options.host);
    this.port = String(options.port);
    this.allowed = new Set((options.allowedOrigins ?? []).map((o) => o.toLowerCase()));
  }

  /** Whether a request naming `hostHeader` is addressed to us. */
  isAllowedHost(hostHeader: string | undefined): boolean {
    const parsed = parseHost(hostHeader);
    if (!parsed) return false;
    if (!this.loopback) return true;
    return isLoopbackHost(parsed.hostname) && parsed.port === this.port;
  }

  /** Whether a WebSocket opened by a page from `origin` may connect. A missing Origin is refused. */
  isAllowedOrigin(origin: string | undefined, hostHeader: string | undefined): boolean {
    if (!origin || origin === "null") return false;
    const normalized = origin.toLowerCase();
    if (this.allowed.has(normalized)) return true;
    if (!this.isAllowedHost(hostHeader)) return false;
    let url: URL;
    try {
      url = new URL(normalized);
    } catch {
      return false;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return false;
    return url.host === hostHeader!.toLowerCase();
  }
}

function parseHost(hostHeader: string | undefined): { hostname: string; port: string } | undefined {
  if (!hostHeader || hostHeader.length > 255) return undefined;
  try {
    const url = new URL(`http://${hostHeader}`);
    if (url.host !== hostHeader.toLowerCase() && url.host !== hostHeader.toLowerCase().replace(/:80$/, "")) {
      return undefined;
    }
    return { hostname: url.hostname, port: url.port || "80" };
  } catch {
    return undefined;
  }
}
