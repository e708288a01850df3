import type { Redis } from "ioredis";
import { z } from "zod";
import { AssistantReplySchema, type AssistantReply, type ChatMessage } from "../../src-shared/assistant.js";
import { cartKeys } from "../cart/cart-keys.js";
import { expireCartLua } from "../cart/cart-scripts.js";
import { asCartUnavailable } from "../infra/redis-client.js";
import { PendingStateSchema, type PendingState } from "./turn-context.js";

/**
 * The conversation, kept in Redis beside the cart so that a restart of the app (or another kiosk)
 * continues it: `cart:{session_id}:chat`, a list of JSON messages, oldest first, trimmed to the
 * last turns and expiring with the same TTL as the cart. The web channel does not read this key
 * (its seed lists chat history as "future"), and the live sync ignores it (parseCartKey).
 */

/** An assistant message as stored: the reply, plus the question it left open (not shown on screen). */
const StoredAssistantSchema = AssistantReplySchema.extend({ pending: PendingStateSchema.optional() });
const StoredMessageSchema = z.union([
  z.object({ role: z.literal("user"), content: z.string() }),
  StoredAssistantSchema,
]);
export type StoredMessage = z.infer<typeof StoredMessageSchema>;

export function chatKey(sessionId: string): string {
  return cartKeys(sessionId).chat;
}

/**
 * KEYS: chat, cart meta, cart items. ARGV: ttl, messages kept, line key prefix, message, ...
 * Appends, trims and sets the TTL on the conversation and on every key of the cart beside it, in
 * one atomic round trip, so that the two always expire together.
 */
const appendLua = `${expireCartLua}
redis.call('RPUSH', KEYS[1], unpack(ARGV, 4))
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)
redis.call('EXPIRE', KEYS[1], ARGV[1])
expire_cart(KEYS[2], KEYS[3], ARGV[3], ARGV[1])
return 1
`;

type AppendCall = (...keysThenArgs: Array<string | number>) => Promise<number>;

export interface ChatMemoryOptions {
  /** Turns (a customer message and its reply) kept. */
  historyTurns: number;
  ttlSeconds: number;
}

export class ChatMemory {
  private readonly appendScript: AppendCall;

  constructor(
    private readonly redis: Redis,
    private readonly options: ChatMemoryOptions,
  ) {
    redis.defineCommand("kioskChatAppend", { lua: appendLua, numberOfKeys: 3 });
    this.appendScript = (redis as unknown as { kioskChatAppend: AppendCall }).kioskChatAppend.bind(redis);
  }

  /** The stored messages, oldest first; entries that do not parse (written by something else) are skipped. */
  async load(sessionId: string): Promise<StoredMessage[]> {
    let raw: string[];
    try {
      raw = await this.redis.lrange(chatKey(sessionId), 0, -1);
    } catch (error) {
      throw asCartUnavailable(error);
    }
    return raw.flatMap((entry) => {
      try {
        const parsed = StoredMessageSchema.safeParse(JSON.parse(entry));
        return parsed.success ? [parsed.data] : [];
      } catch {
        return [];
      }
    });
  }

  /** What the screen shows: the messages without the internal pending state. */
  async history(sessionId: string): Promise<ChatMessage[]> {
    return (await this.load(sessionId)).map(toChatMessage);
  }

  /**
   * Appends one turn in a single round trip (a script): both messages, the trim and the TTL, so a
   * crash cannot leave a question without its answer. At least the last turn is kept even when
   * history is off, because a confirmation ("yes, empty it") must know what was asked.
   */
  async append(
    sessionId: string,
    userMessage: string,
    reply: AssistantReply,
    pending: PendingState | undefined,
  ): Promise<void> {
    const keys = cartKeys(sessionId);
    const keep = Math.max(1, this.options.historyTurns) * 2;
    const assistant: StoredMessage = pending ? { ...reply, pending } : reply;
    try {
      await this.appendScript(
        keys.chat,
        keys.meta,
        keys.items,
        this.options.ttlSeconds,
        keep,
        keys.itemPrefix,
        JSON.stringify({ role: "user", content: userMessage }),
        JSON.stringify(assistant),
      );
    } catch (error) {
      throw asCartUnavailable(error);
    }
  }

  async clear(sessionId: string): Promise<void> {
    try {
      await this.redis.del(chatKey(sessionId));
    } catch (error) {
      throw asCartUnavailable(error);
    }
  }
}

export function toChatMessage(message: StoredMessage): ChatMessage {
  if (message.role === "user") return { role: "user", content: message.content };
  const { pending: _pending, ...reply } = message;
  return reply;
}

/** The question the last reply left open, if the conversation's last message is that reply. */
export function pendingOf(messages: readonly StoredMessage[]): PendingState | undefined {
  const last = messages.at(-1);
  return last?.role === "assistant" ? last.pending : undefined;
}
