import { dateTimeFormatter, paymentMethodNames } from "../../../src-shared/format.js";
import type { Order } from "../../../src-shared/order.js";
import { ErrorNote } from "../../components/error-note.js";
import { useShopFormat } from "../../components/format.js";
import { OrderQr } from "../../components/order-qr.js";
import { useCheckout, useKiosk, useStores } from "../../stores/stores-context.js";
import { OrderLines, OrderTotals } from "./order-lines.js";
import { orderStatusWords } from "./order-status.js";

/**
 * The order's receipt: shop, number, date on the shop's clock (its time zone, not the screen's),
 * lines, totals and payments. "Print" asks the main process (a configured receipt printer on the
 * desktop); where none printed it, the browser's print dialog prints this view alone (the print
 * stylesheet hides everything else).
 */
export function ReceiptView() {
  const { checkout } = useStores();
  const order = useCheckout((s) => s.order)!;
  const printing = useCheckout((s) => s.printing);
  const error = useCheckout((s) => s.error);
  return (
    <section className="receipt-screen" aria-labelledby="receipt-title">
      <Receipt order={order} />
      <ErrorNote message={error} onDismiss={() => checkout.getState().dismissError()} />
      <div className="button-row receipt-screen__buttons">
        <button type="button" className="button button--secondary" onClick={() => checkout.getState().back()}>
          Back to your order
        </button>
        <button
          type="button"
          className="button button--primary button--large"
          aria-busy={printing}
          onClick={() => void checkout.getState().printReceipt()}
        >
          {printing ? "Printing…" : "Print receipt"}
        </button>
      </div>
    </section>
  );
}

export function Receipt({ order }: { order: Order }) {
  const store = useKiosk((s) => s.storeInfo);
  const { money } = useShopFormat(order.currency);
  const when = dateTimeFormatter({ locale: store?.locale ?? "en", timeZone: store?.time_zone ?? "UTC" });
  const f = order.fulfilment;
  return (
    <article className="receipt" aria-labelledby="receipt-title">
      <header className="receipt__header">
        <p className="receipt__shop">{store?.name}</p>
        <h1 id="receipt-title" tabIndex={-1}>
          Receipt <span className="receipt__number">{order.number}</span>
        </h1>
        <p>
          <time dateTime={order.created_at}>{when(order.created_at)}</time>
        </p>
      </header>
      <OrderLines lines={order.lines} money={money} label="Items" />
      <OrderTotals
        subtotal={order.subtotal}
        delivery={f.type === "delivery" ? order.delivery_charge : null}
        total={order.total}
        money={money}
      />
      <section className="receipt__payment" aria-label="Payment">
        {order.payments.length === 0 ? (
          <p>
            {order.status === "cancelled"
              ? "Not paid."
              : `Not paid yet: pay ${money(order.total)} at the counter.`}
          </p>
        ) : (
          order.payments.map((p) => (
            <p key={p.at}>
              Paid {money(p.amount)} by {paymentMethodNames[p.method].toLowerCase()}
              {p.tendered !== undefined && `: ${money(p.tendered)} tendered, ${money(p.change ?? 0)} change`}
              {p.reference && ` (ref. ${p.reference})`}, <time dateTime={p.at}>{when(p.at)}</time>
            </p>
          ))
        )}
        <p>Status: {orderStatusWords[order.status].label}</p>
        <p>
          {f.type === "collection"
            ? "Collect at the counter."
            : `Delivery (${f.option_name}) to ${f.address.recipient}, ${f.address.street}, ${f.address.area}${f.address.notes ? ` (${f.address.notes})` : ""}.`}
        </p>
      </section>
      <OrderQr number={order.number} className="receipt__qr" />
    </article>
  );
}
