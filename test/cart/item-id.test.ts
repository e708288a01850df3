import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { canonicalJson, configurationHash, itemIdFor, type JsonValue } from "../../src-main/cart/item-id.js";

// Expected values computed with the web channel's side of the scheme (docs/redis-schema.md):
// hashlib.sha256(json.dumps(cfg, sort_keys=True, separators=(",", ":")).encode()).hexdigest()[:16]
const vectors: Array<[Record<string, JsonValue>, string, string]> = [
  [{}, "{}", "44136fa355b3678a"],
  [{ color: "Red" }, '{"color":"Red"}', "217bd0fe4659188e"],
  [{ size: "M", color: "blue" }, '{"color":"blue","size":"M"}', "f48fcc240605c0c7"],
  [
    { message: "Happy birthday, Amara! 🎈", colour: "rosé" },
    '{"colour":"ros\\u00e9","message":"Happy birthday, Amara! \\ud83c\\udf88"}',
    "019a4d5b5cd8cf21",
  ],
  [
    { b: { z: 1, a: [1, "two", null, true] }, a: 'x\ny\t"q"\\ \x7f\x01' },
    '{"a":"x\\ny\\t\\"q\\"\\\\ \\u007f\\u0001","b":{"a":[1,"two",null,true],"z":1}}',
    "208a5921b903d9c0",
  ],
  // Python sorts keys by code point: U+FF5E before U+1F388, although its UTF-16 unit is larger.
  [
    { "\uff5e": "fullwidth", "🎈": "balloon", Z: "upper", a: "lower" },
    '{"Z":"upper","a":"lower","\\uff5e":"fullwidth","\\ud83c\\udf88":"balloon"}',
    "6cb950358a6b5933",
  ],
];

describe("item ids", () => {
  it.each(vectors)("canonical JSON and hash of %j match Python's json.dumps", (cfg, json, hash) => {
    expect(canonicalJson(cfg)).toBe(json);
    expect(configurationHash(cfg)).toBe(hash);
  });

  it("are {product_id}_{16 hex digits} and ignore key order", () => {
    expect(itemIdFor("42", {})).toBe("42_44136fa355b3678a");
    expect(itemIdFor("81", { size: "M", colour: "Blue" })).toBe(
      itemIdFor("81", { colour: "Blue", size: "M" }),
    );
    expect(itemIdFor("81", { size: "M", colour: "Blue" })).not.toBe(
      itemIdFor("81", { size: "L", colour: "Blue" }),
    );
    expect(itemIdFor("81", { size: "M" })).toMatch(/^81_[0-9a-f]{16}$/);
  });

  it("refuses numbers that Python would print differently", () => {
    expect(() => canonicalJson({ weight: 1.5 })).toThrow(RangeError);
    expect(() => canonicalJson({ big: 1e21 })).toThrow(RangeError);
  });

  const python = spawnSync("python3", ["--version"]).status === 0;
  it.skipIf(!python)("agrees with a live python3 on the documented snippet", () => {
    const script = [
      "import hashlib, json, sys",
      "for cfg in json.loads(sys.stdin.read()):",
      '    print(hashlib.sha256(json.dumps(cfg, sort_keys=True, separators=(",", ":")).encode()).hexdigest()[:16])',
    ].join("\n");
    const configs = [...vectors.map(([cfg]) => cfg), { größe: "XL", цвет: "синий", emoji: "🎉🎂" }];
    const run = spawnSync("python3", ["-c", script], { input: JSON.stringify(configs), encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim().split("\n")).toEqual(configs.map((cfg) => configurationHash(cfg)));
  });
});
