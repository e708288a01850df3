/**
 * Who may talk to the web server. A browser on the kiosk will open a WebSocket to any address a
 * page asks for, so the WebSocket accepts only pages served by us (same origin) or origins listed
 * in ALLOWED_ORIGINS. The Host header is checked on every HOST, loopback or LAN: a hostile site that
 * rebinds its DNS name to our address is "same origin" with itself, but its Host header still names
 * its domain. Accepted are the bound address (on 0.0.0.0 or ::, this machine's interface addresses
 * and loopback), on our port, and the hosts of ALLOWED_ORIGINS (how a LAN name such as
 * kiosk-3.shop.lan is allowed).
 */
import { networkInterfaces } from "node:os";

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
  /** "hostname:port" pairs a Host header may name, besides loopback on a loopback-bound server. */
  private readonly hosts: ReadonlySet<string>;

  constructor(options: OriginPolicyOptions & { interfaceAddresses?: () => string[] }) {
    this.loopback = isLoopbackHost(options.host);
    this.port = String(options.port);
    this.allowed = new Set((options.allowedOrigins ?? []).map((o) => o.toLowerCase()));
    const names = isWildcard(options.host)
      ? [...(options.interfaceAddresses ?? localAddresses)(), ...loopbackNames]
      : [options.host];
    this.hosts = new Set([
      ...names.map((name) => `${hostnameOf(name)}:${this.port}`),
      ...[...this.allowed].flatMap((origin) => originHost(origin) ?? []),
    ]);
  }

  /** Whether a request naming `hostHeader` is addressed to us. */
  isAllowedHost(hostHeader: string | undefined): boolean {
    const parsed = parseHost(hostHeader);
    if (!parsed) return false;
    if (this.loopback && isLoopbackHost(parsed.hostname) && parsed.port === this.port) return true;
    return this.hosts.has(`${parsed.hostname}:${parsed.port}`);
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

function isWildcard(host: string): boolean {
  return host === "0.0.0.0" || host === "::" || host === "[::]";
}

/** The form URL gives a host name: lower case, IPv6 in brackets. */
function hostnameOf(name: string): string {
  const bare = name.replace(/^\[|\]$/g, "");
  return bare.includes(":") ? `[${bare.toLowerCase()}]` : bare.toLowerCase();
}

/** "hostname:port" of an allowed origin, or undefined when it is not a URL. */
function originHost(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    return `${url.hostname}:${url.port || (url.protocol === "https:" ? "443" : "80")}`;
  } catch {
    return undefined;
  }
}

function localAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .flatMap((info) => (info ? [info.address] : []));
}
