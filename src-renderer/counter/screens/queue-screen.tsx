import { useState } from "react";
import { ErrorNote } from "../../components/error-note.js";
import { counterLists, ordersOf, statusLabels, type CounterListId } from "../queue-lists.js";
import { useCounterFormat } from "../use-counter-format.js";
import { useCounterStores, useOpenOrder, useQueue } from "../stores/counter-context.js";
import { OrderDetail } from "./order-detail.js";

/** The queue's lists beside the open order: a desk's wide screen shows both at once. */
export function QueueScreen() {
  const stores = useCounterStores();
  const orders = useQueue((s) => s.orders);
  const day = useQueue((s) => s.day);
  const loaded = useQueue((s) => s.loaded);
  const error = useQueue((s) => s.error);
  const arrivals = useQueue((s) => s.arrivals);
  const openId = useOpenOrder((s) => s.order?.order_id);
  const [listId, setListId] = useState<CounterListId>("to_pay");
  const { money, time } = useCounterFormat();
  const list = counterLists.find((l) => l.id === listId)!;
  const rows = ordersOf(list, orders, day);

  return (
    <div className="queue-screen">
      <section className="queue" aria-labelledby="queue-title">
        <h1 id="queue-title" className="queue__title">
          Orders
        </h1>
        <ErrorNote message={error} />
        <div className="queue-tabs" role="group" aria-label="Order lists">
          {counterLists.map((l) => {
            const count = ordersOf(l, orders, day).length;
            return (
              <button
                key={l.id}
                type="button"
                className="queue-tab"
                aria-pressed={l.id === listId}
                onClick={() => setListId(l.id)}
              >
                {l.title} <span className="queue-tab__count">{count}</span>
              </button>
            );
          })}
        </div>
        {!loaded ? (
          <p className="empty" role="status">
            Loading the orders…
          </p>
        ) : rows.length === 0 ? (
          <p className="empty">{list.empty}</p>
        ) : (
          <table className="queue-table">
            <caption className="visually-hidden">{list.title}</caption>
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Time</th>
                <th scope="col" className="num">
                  Total
                </th>
                <th scope="col">Fulfilment</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((order) => (
                <tr
                  key={order.order_id}
                  className={[
                    "queue-row",
                    order.order_id === openId ? "queue-row--open" : "",
                    arrivals.includes(order.order_id) ? "queue-row--new" : "",
                  ].join(" ")}
                >
                  <td>
                    <button
                      type="button"
                      className="queue-row__open"
                      aria-label={`Open order ${order.number}`}
                      aria-current={order.order_id === openId ? "true" : undefined}
                      onClick={() => {
                        stores.queue.getState().reviewed(order.order_id);
                        stores.order.getState().show(order);
                      }}
                    >
                      {order.number}
                    </button>
                    {arrivals.includes(order.order_id) && <span className="tag tag--new">New</span>}
                  </td>
                  <td>{time(order.created_at)}</td>
                  <td className="num">{money(order.total)}</td>
                  <td>
                    {order.fulfilment.type === "delivery" ? order.fulfilment.option_name : "Collection"}
                  </td>
                  <td>
                    <span className={`badge-status badge-status--${order.status}`}>
                      {statusLabels[order.status]}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <OrderDetail />
    </div>
  );
}
