import { describe, expect, it } from "vitest";
import { OriginPolicy } from "./origin-policy.js";

describe("a server on the shop's LAN accepts only the names it is known by (DNS rebinding)", () => {
  const lan = new OriginPolicy({
    host: "192.168.1.20",
    port: 3000,
    allowedOrigins: ["http://kiosk-3.shop.lan:3000"],
  });

  it("refuses a rebinding domain's Host header, which before was accepted on any non-loopback HOST", () => {
    expect(lan.isAllowedHost("evil.example:3000")).toBe(false);
    expect(lan.isAllowedOrigin("http://evil.example:3000", "evil.example:3000")).toBe(false);
  });

  it("accepts the bound address on its port and the hosts of ALLOWED_ORIGINS", () => {
    expect(lan.isAllowedHost("192.168.1.20:3000")).toBe(true);
    expect(lan.isAllowedOrigin("http://192.168.1.20:3000", "192.168.1.20:3000")).toBe(true);
    expect(lan.isAllowedHost("kiosk-3.shop.lan:3000")).toBe(true);
    expect(lan.isAllowedHost("192.168.1.20:4000")).toBe(false);
    expect(lan.isAllowedHost("127.0.0.1:3000")).toBe(false);
  });

  it("on 0.0.0.0 accepts this machine's addresses and loopback, nothing else", () => {
    const all = new OriginPolicy({
      host: "0.0.0.0",
      port: 3000,
      interfaceAddresses: () => ["10.0.0.7", "fe80::1"],
    });
    expect(all.isAllowedHost("10.0.0.7:3000")).toBe(true);
    expect(all.isAllowedHost("[fe80::1]:3000")).toBe(true);
    expect(all.isAllowedHost("localhost:3000")).toBe(true);
    expect(all.isAllowedHost("rebind.example:3000")).toBe(false);
  });

  it("keeps loopback as it was: any loopback name on our port", () => {
    const local = new OriginPolicy({ host: "127.0.0.1", port: 3000 });
    expect(local.isAllowedHost("localhost:3000")).toBe(true);
    expect(local.isAllowedHost("127.0.0.2:3000")).toBe(true);
    expect(local.isAllowedHost("evil.example:3000")).toBe(false);
  });
});
