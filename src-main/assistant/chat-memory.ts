import type { Redis } from "ioredis";
import { z } from "zod";
import { AssistantReplySchema, type AssistantReply, type ChatMessage } from "../../src-shared/assistant.js";
import { cartKeys } from "../cart/cart-keys.js";
import { asCartUnavailable } from "../redis/redis-client.js";
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
  return `${cartKeys(sessionId).meta}:chat`;
}

export interface ChatMemoryOptions {
  /** Turns (a customer message and its reply) kept. */
  historyTurns: number;
  ttlSeconds: number;
}

export class ChatMemory {
  constructor(
    private readonly redis: Redis,
    private readonly options: ChatMemoryOptions,
  ) {}

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
   * Appends one turn in a single round trip (MULTI): both messages, the trim and the TTL, so a
   * crash cannot leave a question without its answer. At least the last turn is kept even when
   * history is off, because a confirmation ("yes, empty it") must know what was asked.
   */
  async append(
    sessionId: string,
    userMessage: string,
    reply: AssistantReply,
    pending: PendingState | undefined,
  ): Promise<void> {
    const key = chatKey(sessionId);
    const keep = Math.max(1, this.options.historyTurns) * 2;
    const assistant: StoredMessage = pending ? { ...reply, pending } : reply;
    try {
      await this.redis
        .multi()
        .rpush(key, JSON.stringify({ role: "user", content: userMessage }), JSON.stringify(assistant))
        .ltrim(key, -keep, -1)
        .expire(key, this.options.ttlSeconds)
        .exec();
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
