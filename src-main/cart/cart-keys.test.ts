import { describe, expect, it } from "vitest";
import { cartKeys, parseCartKey } from "./cart-keys.js";

describe("cart keys", () => {
  const sid = "session-3f2b8c1e-9a4d-4e7f-8b6a-1c2d3e4f5a6b";

  it("follow the web channel's layout", () => {
    const keys = cartKeys(sid);
    expect(keys.meta).toBe(`cart:${sid}`);
    expect(keys.items).toBe(`cart:${sid}:items`);
    expect(keys.item("42_abc")).toBe(`cart:${sid}:item:42_abc`);
  });

  it("map back to their session and kind", () => {
    expect(parseCartKey(`cart:${sid}`)).toEqual({ sessionId: sid, kind: "meta" });
    expect(parseCartKey(`cart:${sid}:items`)).toEqual({ sessionId: sid, kind: "items" });
    expect(parseCartKey(`cart:wa_256701618576:item:42_-9223372036854775808`)).toEqual({
      sessionId: "wa_256701618576",
      kind: "item",
      itemId: "42_-9223372036854775808",
    });
    // Web-channel ids may hold ':' and spaces: the id is everything after ":item:".
    expect(parseCartKey(`cart:${sid}:item:legacy:7 large`)).toEqual({
      sessionId: sid,
      kind: "item",
      itemId: "legacy:7 large",
    });
  });

  it("do not claim the cart's neighbours or other keys", () => {
    for (const key of [
      `cart:${sid}:chat`,
      `cart:${sid}:item:`,
      `cart:`,
      `session:${sid}`,
      `cart:${sid}:items:x`,
    ]) {
      expect(parseCartKey(key), key).toBeUndefined();
    }
  });
});
