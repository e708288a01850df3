import type { Redis } from "ioredis";

/**
 * The web channel's cart service as its architecture document describes it (seed: "STEP 5: Redis
 * cart update" and "Redis Data Model"), one awaited command at a time as redis-py sends them. It is
 * the baseline of the `cart` benchmark and the demonstration, in test/cart, that its add loses
 * updates under concurrency. It is not used by the app.
 *
 * add_item, as documented:
 *   1. item_id = product_id + "_" + hash(config)      (here: the caller's item id)
 *   2. SISMEMBER cart:{sid}:items item_id            ("check if item exists")
 *   3. SADD cart:{sid}:items item_id
 *   4. HSET cart:{sid}:item:{item_id} {...}          (quantity merged with the existing line)
 *   5. HSET cart:{sid} updated_at
 *   6. EXPIRE cart:{sid} 604800
 * To merge, a line that exists must have its quantity read (HGET) between steps 2 and 4: the
 * document implies it, and it is the window in which a concurrent add is lost.
 *
 * get_cart: SMEMBERS, then HGETALL for each line. update_quantity and remove_item are not spelled
 * out in the document; they are the plainest redis-py versions of the same style.
 *
 * The mutations return nothing, as documented: the web channel's flow reads the cart again with
 * get_cart after each of them (STEP 8, and fetchCart() in "Cart Sync Triggers"); the benchmark
 * composes that fetch, this class does not hide it.
 */

export interface WebChannelLine {
  product_id: string;
  name: string;
  price: string;
  configuration: string;
  image_url: string;
  category_id: string;
}

const ttlSeconds = 604_800;

export class WebChannelCart {
  constructor(private readonly redis: Redis) {}

  async addItem(sessionId: string, itemId: string, line: WebChannelLine, quantity: number): Promise<void> {
    const itemsKey = `cart:${sessionId}:items`;
    const itemKey = `cart:${sessionId}:item:${itemId}`;
    let total = quantity;
    if (await this.redis.sismember(itemsKey, itemId)) {
      total += Number((await this.redis.hget(itemKey, "quantity")) ?? 0);
    }
    await this.redis.sadd(itemsKey, itemId);
    await this.redis.hset(itemKey, { ...line, quantity: String(total) });
    await this.redis.hset(`cart:${sessionId}`, "updated_at", new Date().toISOString().slice(0, 19));
    await this.redis.expire(`cart:${sessionId}`, ttlSeconds);
  }

  async getCart(sessionId: string): Promise<Array<Record<string, string>>> {
    const ids = await this.redis.smembers(`cart:${sessionId}:items`);
    const lines: Array<Record<string, string>> = [];
    for (const id of ids) {
      const fields = await this.redis.hgetall(`cart:${sessionId}:item:${id}`);
      if (Object.keys(fields).length > 0) lines.push({ item_id: id, ...fields });
    }
    return lines;
  }

  async updateQuantity(sessionId: string, itemId: string, quantity: number): Promise<boolean> {
    if (!(await this.redis.sismember(`cart:${sessionId}:items`, itemId))) return false;
    await this.redis.hset(`cart:${sessionId}:item:${itemId}`, "quantity", String(quantity));
    await this.redis.hset(`cart:${sessionId}`, "updated_at", new Date().toISOString().slice(0, 19));
    await this.redis.expire(`cart:${sessionId}`, ttlSeconds);
    return true;
  }

  async removeItem(sessionId: string, itemId: string): Promise<void> {
    await this.redis.srem(`cart:${sessionId}:items`, itemId);
    await this.redis.del(`cart:${sessionId}:item:${itemId}`);
    await this.redis.hset(`cart:${sessionId}`, "updated_at", new Date().toISOString().slice(0, 19));
    await this.redis.expire(`cart:${sessionId}`, ttlSeconds);
  }
}
