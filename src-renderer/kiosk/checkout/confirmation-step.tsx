import { useCallback, useEffect } from "react";
import { ErrorNote } from "../../components/error-note.js";
import { useShopFormat } from "../../components/format.js";
import { OrderQr } from "../../components/order-qr.js";
import { useCheckout, useKiosk, useStores } from "../../stores/stores-context.js";
import { OrderLines, OrderTotals } from "./order-lines.js";
import { orderStatusWords, settledStatuses } from "./order-status.js";

/**
 * The order is placed: its number, large, and as a QR code for the counter's scanner, what to pay,
 * and its status as the counter records it (`order-changed`, never polled). "Done" starts over for
 * the next customer; so does the screen by itself, `checkout_start_over_seconds` after the order
 * is paid, or after the customer left it untouched that long.
 */
export function ConfirmationStep() {
  const { checkout, kiosk } = useStores();
  const order = useCheckout((s) => s.order)!;
  const error = useCheckout((s) => s.error);
  const startOverSeconds = useKiosk((s) => s.ui.checkoutStartOverSeconds);
  const { money } = useShopFormat(order.currency);
  const status = orderStatusWords[order.status];
  const settled = settledStatuses.has(order.status);
  const startOver = useCallback(() => void kiosk.getState().startOver(), [kiosk]);
  useStartOverAfter(startOverSeconds, order.status, startOver);

  const pay =
    order.status === "placed" ? `Pay ${money(order.total)} at the counter` : `Total ${money(order.total)}`;
  return (
    <section className="order-confirmation" aria-labelledby="confirmation-title">
      <div className="order-confirmation__number">
        <h1 id="confirmation-title" tabIndex={-1}>
          <span className="order-confirmation__caption">Your order number</span>
          <span className="order-number">{order.number}</span>
        </h1>
        <OrderQr number={order.number} className="order-qr" />
        <p className="order-confirmation__pay">{pay}</p>
        <p className="order-status" data-status={order.status} role="status">
          <span className="order-status__label">{status.label}</span>
          <span className="order-status__next">{status.next}</span>
        </p>
        {settled && <p className="muted">This screen starts over by itself shortly.</p>}
      </div>
      <div className="order-confirmation__details">
        <h2>Your order</h2>
        <p className="muted">
          {order.fulfilment.type === "collection"
            ? "Collect at the counter."
            : `Delivery: ${order.fulfilment.option_name}, to ${order.fulfilment.address.recipient}, ${order.fulfilment.address.street}, ${order.fulfilment.address.area}.`}
        </p>
        <OrderLines lines={order.lines} money={money} label="Items in your order" />
        <OrderTotals
          subtotal={order.subtotal}
          delivery={order.fulfilment.type === "delivery" ? order.delivery_charge : null}
          total={order.total}
          money={money}
        />
        <ErrorNote message={error} onDismiss={() => checkout.getState().dismissError()} />
        <div className="button-row">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => checkout.getState().showReceipt()}
          >
            Receipt
          </button>
          <button type="button" className="button button--primary button--large" onClick={startOver}>
            Done
          </button>
        </div>
      </div>
    </section>
  );
}

/**
 * Starts over `seconds` after the later of the last touch or key and the last change of status:
 * a customer who walked away, or whose order was paid, leaves the screen to the next one.
 */
function useStartOverAfter(seconds: number, status: string, startOver: () => void) {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(startOver, seconds * 1000);
    };
    arm();
    const events = ["pointerdown", "keydown"] as const;
    for (const e of events) window.addEventListener(e, arm, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, arm);
    };
    // `status` re-arms the timer: a payment gives the customer the full time to read "Paid".
  }, [seconds, status, startOver]);
}
