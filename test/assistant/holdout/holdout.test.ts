import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Catalog } from "../../../src-main/catalog/catalog.js";
import { CartService } from "../../../src-main/cart/cart-service.js";
import { loadHardwarePharmacyCatalog, loadRetailCatalog, loadSampleCatalog } from "../../kit/catalogs.js";
import { startTestRedis, type TestRedis } from "../../kit/redis.js";
import { makeAssistant, newSession, offlineConfig } from "../../kit/assistant-rig.js";
import { describeCart, lineToAddItem, sortLines } from "../../kit/cart-lines.js";
import {
  holdoutConversations,
  holdoutTags,
  type HoldoutCatalog,
  type HoldoutConversation,
} from "./conversations.js";
import { freshHoldoutConversations } from "./conversations-fresh.js";
import { unseenHoldoutConversations } from "./conversations-unseen.js";
import { finalHoldoutConversations } from "./conversations-final.js";

/**
 * The held-out conversations (./conversations.ts, and the fresh set ./conversations-fresh.ts written
 * before the tuning past 90%) run against the real offline assistant: a private
 * redis-server, the real agent loop and tools, the cart read back from Redis after every turn.
 *
 * This is a measurement, not a list of promises: every turn is scored and the share right is
 * printed per set, per catalog and per category. A wrong turn does not end its conversation: the cart is
 * put back to what the table expects, so the next turn is judged on its own. A turn tagged
 * "ambiguous" is right only when the cart is unchanged and the reply asks (holds a "?"). The file fails when
 * the share falls below MIN_SHARE_RIGHT, when the table itself is wrong, or when a reply is not
 * an offline one. HOLDOUT_VERBOSE=1 also prints each wrong turn.
 */

interface HoldoutSet {
  name: string;
  conversations: Record<HoldoutCatalog, HoldoutConversation[]>;
  /** The least turns the set holds, and per catalog. */
  minTurns: number;
  minTurnsPerCatalog: number;
  /** The share of turns that must be right, just under the score reached, so a change that loses ground fails. */
  minShareRight: number;
}

const sets: HoldoutSet[] = [
  // The catalog-driven parser first scored 134/149 (90%) here, 149/149 after the rules its misses
  // pointed to (each tuned on other sentences of its kind in test/assistant/offline-conversations.test.ts).
  {
    name: "held-out",
    conversations: holdoutConversations,
    minTurns: 120,
    minTurnsPerCatalog: 35,
    minShareRight: 1,
  },
  // Written before that tuning: 67/76 (88%) then, 76/76 after.
  {
    name: "fresh",
    conversations: freshHoldoutConversations,
    minTurns: 60,
    minTurnsPerCatalog: 20,
    minShareRight: 1,
  },
  // Written after that tuning: 28/37 (76%) at its first run, the plainest figure of how far the
  // tuning carried to new sentences; 35/37 after the rules its misses pointed to.
  {
    name: "unseen",
    conversations: unseenHoldoutConversations,
    minTurns: 36,
    minTurnsPerCatalog: 12,
    minShareRight: 0.94,
  },
  // Written by someone who never read the parser or the other tables, after all the tuning, and
  // never tuned on: the figure for how customers nobody tuned for are understood. 61/65 (94%) at
  // its first run; its misses are listed in the note on #13, not tuned on.
  {
    name: "final",
    conversations: finalHoldoutConversations,
    minTurns: 60,
    minTurnsPerCatalog: 20,
    minShareRight: 0.93,
  },
];

const loaders: Record<HoldoutCatalog, () => Promise<Catalog>> = {
  sample: loadSampleCatalog,
  retail: loadRetailCatalog,
  "hardware-pharmacy": loadHardwarePharmacyCatalog,
};

interface TurnResult {
  catalog: HoldoutCatalog;
  conversation: string;
  say: string;
  tag: string;
  right: boolean;
  expected: string[];
  actual: string[];
  reply: string;
}

const entriesOf = (set: HoldoutSet) =>
  Object.entries(set.conversations) as Array<[HoldoutCatalog, HoldoutConversation[]]>;

let redis: TestRedis;
let client: Redis;

beforeAll(async () => {
  redis = await startTestRedis();
  client = redis.client();
});

afterAll(async () => {
  await redis?.stop();
});

const percent = (right: number, total: number) => `${right}/${total} (${Math.round((100 * right) / total)}%)`;

for (const set of sets) {
  const entries = entriesOf(set);
  const results: TurnResult[] = [];

  describe(`the ${set.name} table itself`, () => {
    it(`holds at least ${set.minTurns} customer turns, spread over the three catalogs`, () => {
      const perCatalog = entries.map(([, conversations]) => conversations.flatMap((c) => c.turns).length);
      expect(perCatalog.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(set.minTurns);
      for (const count of perCatalog) expect(count).toBeGreaterThanOrEqual(set.minTurnsPerCatalog);
    });

    it.each(entries)("names only real, available choices on the %s catalog", async (name, conversations) => {
      const catalog = await loaders[name]();
      for (const turn of conversations.flatMap((c) => c.turns)) {
        if (turn.cart !== "unchanged") for (const line of turn.cart) lineToAddItem(catalog, line);
      }
    });
  });

  describe(`the offline assistant on the ${set.name} conversations`, () => {
    for (const [catalogName, conversations] of entries) {
      for (const conversation of conversations) {
        it(`${catalogName}: ${conversation.name}`, async () => {
          const catalog = await loaders[catalogName]();
          const cart = new CartService({ redis: client, catalog });
          const assistant = makeAssistant({ cart, catalog, redis: client }, offlineConfig);
          const session = newSession();
          let expected: string[] = [];
          for (const turn of conversation.turns) {
            if (turn.cart !== "unchanged") expected = sortLines(turn.cart);
            let reply: string;
            try {
              const answer = await assistant.chat(session, turn.say);
              reply = answer.content;
              // Every reply must come from the offline assistant; anything else is not what we measure.
              expect(answer.metadata.mode, `after "${turn.say}"`).toBe("offline");
            } catch (error) {
              if ((error as { name?: string }).name === "AssertionError") throw error;
              reply = `(threw) ${(error as Error).message}`;
            }
            const actual = describeCart(catalog, await cart.getCart(session));
            // Where the request leaves a choice open, leaving the cart alone is not enough: it must ask.
            const asked = turn.tag !== "ambiguous" || reply.includes("?");
            const right = asked && JSON.stringify(actual) === JSON.stringify(expected);
            results.push({
              catalog: catalogName,
              conversation: conversation.name,
              ...turn,
              right,
              expected,
              actual,
              reply,
            });
            if (!right) {
              // Put the cart back to what the table expects, so the next turn is judged on its own.
              await cart.clearCart(session);
              for (const line of expected) await cart.addItem(session, lineToAddItem(catalog, line));
            }
          }
        });
      }
    }

    it(`gets at least ${set.minShareRight * 100}% of the turns right`, () => {
      const total = entries.reduce((n, [, cs]) => n + cs.flatMap((c) => c.turns).length, 0);
      // Every turn of every conversation was scored (a conversation test that threw would leave gaps).
      expect(results).toHaveLength(total);
      const right = results.filter((r) => r.right).length;
      const lines = [`${set.name}: ${right}/${total} turns right (${Math.round((100 * right) / total)}%)`];
      for (const [name] of entries) {
        const of = results.filter((r) => r.catalog === name);
        lines.push(`  catalog ${name}: ${percent(of.filter((r) => r.right).length, of.length)}`);
      }
      for (const tag of holdoutTags) {
        const of = results.filter((r) => r.tag === tag);
        if (of.length) lines.push(`  ${tag}: ${percent(of.filter((r) => r.right).length, of.length)}`);
      }
      if (process.env.HOLDOUT_VERBOSE) {
        for (const r of results.filter((x) => !x.right)) {
          lines.push(
            `  WRONG [${r.catalog} / ${r.tag}] "${r.say}"`,
            `    expected: ${JSON.stringify(r.expected)}`,
            `    got:      ${JSON.stringify(r.actual)}`,
            `    reply:    ${r.reply.replace(/\s+/g, " ").slice(0, 200)}`,
          );
        }
      }
      console.log(lines.join("\n"));
      expect(right / total).toBeGreaterThanOrEqual(set.minShareRight);
    });
  });
}
