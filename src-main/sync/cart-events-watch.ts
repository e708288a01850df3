import type { Redis } from "ioredis";
import { CartEventMessageSchema } from "../../src-shared/cart.js";
import { SessionIdSchema } from "../../src-shared/session.js";
import { CART_EVENTS_CHANNEL } from "../cart/cart-keys.js";
import type { ChangeListener, SessionWatch } from "./session-watch.js";

/**
 * The last resort (see session-watch.ts): the cart service's `cart-events` messages, which every
 * kiosk's mutation publishes. Every process receives every kiosk's changes and keeps those of its
 * shown sessions (the caller ignores the rest); writers that do not publish are not seen.
 */
export class CartEventsWatch implements SessionWatch {
  readonly mechanism = "events";

  constructor(
    private readonly subscriber: Redis,
    onChange: ChangeListener,
  ) {
    this.subscriber.on("message", (channel: string, message: string) => {
      if (channel !== CART_EVENTS_CHANNEL) return;
      let json: unknown;
      try {
        json = JSON.parse(message);
      } catch {
        return;
      }
      const parsed = CartEventMessageSchema.safeParse(json);
      const session = parsed.success && SessionIdSchema.safeParse(parsed.data.session_id);
      if (session && session.success) onChange(session.data);
    });
  }

  async arm(): Promise<boolean> {
    await this.subscriber.subscribe(CART_EVENTS_CHANNEL);
    return true;
  }

  async show(): Promise<void> {}

  async hide(): Promise<void> {}
}
