import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, defaultCatalogPath, loadConfig } from "./config.js";

describe("loadConfig", () => {
  it("runs on embedded defaults with nothing configured", () => {
    const config = loadConfig({});
    expect(config.redisUrl).toBeUndefined();
    expect(config.catalogPath).toBe(defaultCatalogPath);
    expect(config.maxQuantityPerLine).toBe(99);
    expect(config.cartTtlSeconds).toBe(604_800);
    expect(config.assistant.mode).toBe("offline");
    expect(config.server).toEqual({ host: "127.0.0.1", port: 3000 });
    expect(config.ui.idleTimeoutSeconds).toBe(120);
  });

  it("lets the environment override, and an API key switches the assistant online", () => {
    const config = loadConfig({
      REDIS_URL: "redis://10.0.0.5:6380/1",
      OPENAI_API_KEY: "sk-test",
      PORT: "8080",
      KIOSK_MODE: "true",
    });
    expect(config.redisUrl).toBe("redis://10.0.0.5:6380/1");
    expect(config.assistant.mode).toBe("openai");
    expect(config.server.port).toBe(8080);
    expect(config.ui.kioskMode).toBe(true);
    expect(loadConfig({ OPENAI_API_KEY: "sk", ASSISTANT_MODE: "offline" }).assistant.mode).toBe("offline");
  });

  it("expands ~ in DATA_DIR and refuses a relative one, the same for desktop, web and kioskctl (#14)", () => {
    expect(loadConfig({ DATA_DIR: "~/x" }).dataDir).toBe(path.join(os.homedir(), "x"));
    expect(loadConfig({ DATA_DIR: "~" }).dataDir).toBe(os.homedir());
    expect(loadConfig({ DATA_DIR: "/srv/kiosk" }).dataDir).toBe("/srv/kiosk");
    // "~x" is a path of its own (another user's home in a shell), not this user's.
    for (const relative of ["data", "./data", "../kiosk", "~x"]) {
      expect(() => loadConfig({ DATA_DIR: relative }), relative).toThrow(
        /DATA_DIR: expects an absolute path \(or one starting with ~\/\)/,
      );
    }
  });

  it("treats empty values as unset", () => {
    expect(loadConfig({ REDIS_URL: "", PORT: "" }).server.port).toBe(3000);
  });

  it.each([
    ["REDIS_URL", "localhost:6379", /REDIS_URL: .*redis:\/\//],
    ["REDIS_URL", "nope", /REDIS_URL: expects a URL such as redis:\/\/127.0.0.1:6379\/1/],
    ["REDIS_URL", "http://example.com", /REDIS_URL: expects a redis:\/\/ or rediss:\/\/ URL/],
    ["PORT", "eighty", /PORT: expects a whole number/],
    ["PORT", "70000", /PORT: expects at most 65535/],
    ["MAX_QUANTITY_PER_LINE", "0", /MAX_QUANTITY_PER_LINE: expects at least 1/],
    ["MAX_QUANTITY_PER_LINE", "10001", /MAX_QUANTITY_PER_LINE: expects at most 10000/],
    ["KIOSK_MODE", "maybe", /KIOSK_MODE: expects one of "true" or "false"/],
    ["ASSISTANT_MODE", "gpt", /ASSISTANT_MODE: expects "openai" or "offline"/],
  ])("refuses %s=%s with a message naming the variable", (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it("starts openai mode without a key offline, with a warning for the operator", () => {
    const config = loadConfig({ ASSISTANT_MODE: "openai" });
    expect(config.assistant.mode).toBe("offline");
    expect(config.warnings).toEqual([expect.stringMatching(/OPENAI_API_KEY is not set.*offline/)]);
    expect(loadConfig({}).warnings).toEqual([]);
    expect(loadConfig({ ASSISTANT_MODE: "openai", OPENAI_API_KEY: "sk" }).warnings).toEqual([]);
  });

  it("takes a session secret of at least 32 characters, and none by default", () => {
    expect(loadConfig({}).sessionSecret).toBeUndefined();
    const secret = "s".repeat(32);
    expect(loadConfig({ SESSION_SECRET: secret }).sessionSecret).toBe(secret);
    expect(() => loadConfig({ SESSION_SECRET: "short" })).toThrow(/SESSION_SECRET: expects at least 32/);
  });
});
