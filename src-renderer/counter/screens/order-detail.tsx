import { useEffect, useRef, useState, type FormEvent } from "react";
import { describeOptions } from "../../../src-shared/format.js";
import type { Order } from "../../../src-shared/order.js";
import { ErrorNote } from "../../components/error-note.js";
import { paymentMethodLabels, statusLabels } from "../queue-lists.js";
import { useCounterFormat } from "../use-counter-format.js";
import { useCounterStores, useOpenOrder, useStaff } from "../stores/counter-context.js";
import { PaymentForm } from "./payment-form.js";

/**
 * The open order: lines with options, contact and address, totals, payments, history, and the
 * actions its status allows (the main process checks each again: this only hides what cannot
 * apply). Cancelling is for managers, with a reason; a paid order's refund owed is recorded.
 */
export function OrderDetail() {
  const order = useOpenOrder((s) => s.order);
  const loading = useOpenOrder((s) => s.loading);
  const error = useOpenOrder((s) => s.error);
  const stores = useCounterStores();

  if (!order) {
    return (
      <section className="order-detail order-detail--empty" aria-label="Order">
        <ErrorNote message={error} onDismiss={() => stores.order.getState().dismissError()} />
        <p className="empty">{loading ? "Finding the order…" : "Choose an order, or scan its QR code."}</p>
      </section>
    );
  }
  return <OpenOrder key={order.order_id} order={order} />;
}

type Panel = "none" | "pay" | "cancel";

function OpenOrder({ order }: { order: Order }) {
  const stores = useCounterStores();
  const busy = useOpenOrder((s) => s.busy);
  const error = useOpenOrder((s) => s.error);
  const role = useStaff((s) => s.staff?.role);
  const { money, time } = useCounterFormat(order.currency);
  const [panel, setPanel] = useState<Panel>("none");
  const [changeGiven, setChangeGiven] = useState<number | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  const open = order.status === "paid" || order.status === "ready";
  const actions = stores.order.getState();
  const delivery = order.fulfilment.type === "delivery" ? order.fulfilment : null;

  return (
    <section className="order-detail" aria-labelledby="order-title">
      <div className="order-detail__head">
        <h2 id="order-title" ref={heading} tabIndex={-1}>
          Order {order.number}
        </h2>
        <span className={`badge-status badge-status--${order.status}`}>{statusLabels[order.status]}</span>
        <span className="muted">
          {time(order.created_at)} ·{" "}
          {delivery ? `Delivery: ${delivery.option_name}` : "Collection at the counter"}
        </span>
      </div>
      <ErrorNote message={error} onDismiss={() => stores.order.getState().dismissError()} />
      {changeGiven !== null && (
        <p className="change-given" role="status">
          Paid in cash. Change due <strong>{money(changeGiven)}</strong>
        </p>
      )}

      {panel === "pay" && order.status === "placed" ? (
        <PaymentForm
          order={order}
          onDone={(change) => {
            setPanel("none");
            setChangeGiven(change);
          }}
        />
      ) : panel === "cancel" ? (
        <CancelForm order={order} onDone={() => setPanel("none")} />
      ) : (
        <div className="button-row order-actions">
          {order.status === "placed" && (
            <button type="button" className="button button--primary" onClick={() => setPanel("pay")}>
              Take payment
            </button>
          )}
          {order.status === "paid" && (
            <button
              type="button"
              className="button button--primary"
              aria-busy={busy === "ready" || undefined}
              disabled={busy !== null}
              onClick={() => void actions.markReady()}
            >
              Mark ready
            </button>
          )}
          {open && !delivery && (
            <button
              type="button"
              className="button button--primary"
              aria-busy={busy === "collected" || undefined}
              disabled={busy !== null}
              onClick={() => void actions.markCollected()}
            >
              Mark collected
            </button>
          )}
          {open && delivery && (
            <button
              type="button"
              className="button button--primary"
              aria-busy={busy === "delivered" || undefined}
              disabled={busy !== null}
              onClick={() => void actions.markDelivered()}
            >
              Mark delivered
            </button>
          )}
          {role === "manager" && (order.status === "placed" || open) && (
            <button type="button" className="button button--danger" onClick={() => setPanel("cancel")}>
              Cancel order
            </button>
          )}
          <button type="button" className="button button--quiet" onClick={() => window.print()}>
            Print receipt
          </button>
          <button
            type="button"
            className="button button--quiet"
            onClick={() => stores.order.getState().close()}
          >
            Close order
          </button>
        </div>
      )}

      <div className="order-detail__body">
        <table className="order-lines">
          <caption className="visually-hidden">Items</caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col" className="num">
                Qty
              </th>
              <th scope="col" className="num">
                Price
              </th>
              <th scope="col" className="num">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {order.lines.map((line) => {
              const options = describeOptions(line.configuration, "label");
              return (
                <tr key={line.item_id}>
                  <td>
                    {line.name}
                    {options && <span className="muted order-lines__options">{options}</span>}
                  </td>
                  <td className="num">{line.quantity}</td>
                  <td className="num">{money(line.price)}</td>
                  <td className="num">{money(line.line_total)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <dl className="order-totals">
          <div>
            <dt>Subtotal</dt>
            <dd>{money(order.subtotal)}</dd>
          </div>
          {order.delivery_charge > 0 && (
            <div>
              <dt>Delivery</dt>
              <dd>{money(order.delivery_charge)}</dd>
            </div>
          )}
          <div className="order-totals__total">
            <dt>Total</dt>
            <dd>{money(order.total)}</dd>
          </div>
        </dl>

        <div className="order-facts">
          <section aria-labelledby="contact-title">
            <h3 id="contact-title">Customer</h3>
            <p>{order.contact.name ?? "No name given"}</p>
            {order.contact.phone && <p>{order.contact.phone}</p>}
            {delivery && (
              <p>
                {delivery.address.recipient}, {delivery.address.street}, {delivery.address.area}
                {delivery.address.notes && <span className="muted"> ({delivery.address.notes})</span>}
              </p>
            )}
          </section>
          <section aria-labelledby="history-title">
            <h3 id="history-title">History</h3>
            <ol className="order-history">
              <li>{time(order.created_at)} placed at a kiosk</li>
              {order.payments.map((payment) => (
                <li key={payment.at}>
                  {time(payment.at)} paid {money(payment.amount)} by {paymentMethodLabels[payment.method]}
                  {payment.tendered !== undefined &&
                    ` (tendered ${money(payment.tendered)}, change ${money(payment.change ?? 0)})`}
                  {payment.reference && ` (ref. ${payment.reference})`} · {payment.recorded_by.staff}
                  {payment.recorded_by.terminal && ` at ${payment.recorded_by.terminal}`}
                </li>
              ))}
              {order.cancellation && (
                <li>
                  {time(order.cancellation.at)} cancelled by {order.cancellation.recorded_by.staff}:{" "}
                  {order.cancellation.reason}
                  {order.cancellation.refund_due > 0 &&
                    ` · refund owed ${money(order.cancellation.refund_due)}`}
                </li>
              )}
              {order.status !== "placed" && order.status !== "paid" && order.status !== "cancelled" && (
                <li>
                  {time(order.updated_at)} {statusLabels[order.status].toLowerCase()}
                </li>
              )}
            </ol>
          </section>
        </div>
      </div>
    </section>
  );
}

function CancelForm({ order, onDone }: { order: Order; onDone: () => void }) {
  const stores = useCounterStores();
  const busy = useOpenOrder((s) => s.busy === "cancel");
  const { money } = useCounterFormat(order.currency);
  const [reason, setReason] = useState("");
  const field = useRef<HTMLTextAreaElement>(null);
  const paid = order.payments.reduce((sum, p) => sum + p.amount, 0);

  useEffect(() => {
    field.current?.focus();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) return;
    if (await stores.order.getState().cancel(reason)) onDone();
  }

  return (
    <form className="cancel-form" aria-label="Cancel order" onSubmit={(e) => void submit(e)}>
      {paid > 0 && (
        <p className="counter-note counter-note--warn">
          {money(paid)} was paid for this order: cancelling records a refund owed of {money(paid)}.
        </p>
      )}
      <label className="field">
        <span className="field__label">Reason for cancelling</span>
        <textarea
          ref={field}
          className="field__input"
          rows={2}
          maxLength={200}
          required
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      <div className="button-row">
        <button
          type="submit"
          className="button button--danger"
          disabled={busy || !reason.trim()}
          aria-busy={busy || undefined}
        >
          Confirm cancellation
        </button>
        <button type="button" className="button button--quiet" onClick={onDone}>
          Keep order
        </button>
      </div>
    </form>
  );
}
