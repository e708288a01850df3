import { useCounterFormat } from "../use-counter-format.js";
import { useCounterStores, useQueue } from "../stores/counter-context.js";

/**
 * The notification of orders placed at a kiosk (with the chime, played by the store's arrival
 * hook): the newest first, each with "Review order", which opens it. A polite live region, so a
 * screen reader says it without interrupting.
 */
export function Arrivals() {
  const stores = useCounterStores();
  const arrivals = useQueue((s) => s.arrivals);
  const orders = useQueue((s) => s.orders);
  const { money } = useCounterFormat();
  const shown = arrivals
    .map((id) => orders[id])
    .filter((order) => order !== undefined)
    .reverse()
    .slice(0, 3);

  return (
    <section className="arrivals" aria-live="polite" aria-label="New orders">
      {shown.map((order) => (
        <div key={order.order_id} className="arrival">
          <p>
            <strong>New order {order.number}</strong>{" "}
            <span>
              {money(order.total)} · {order.fulfilment.type === "delivery" ? "Delivery" : "Collection"}
            </span>
          </p>
          <button
            type="button"
            className="button button--primary button--small"
            aria-label={`Review order ${order.number}`}
            onClick={() => {
              stores.queue.getState().reviewed(order.order_id);
              stores.order.getState().show(order);
              stores.view.getState().go("queue");
            }}
          >
            Review order
          </button>
          <button
            type="button"
            className="button button--quiet button--small"
            aria-label={`Dismiss new order ${order.number}`}
            onClick={() => stores.queue.getState().reviewed(order.order_id)}
          >
            Dismiss
          </button>
        </div>
      ))}
    </section>
  );
}
