import type { QuoteChangeKind } from "../../../src-shared/order.js";
import { ErrorNote } from "../../components/error-note.js";
import { useShopFormat } from "../../components/format.js";
import { useCheckout, useStores } from "../../stores/stores-context.js";
import { GoButton } from "../components/go-button.js";
import { OrderLines, OrderTotals } from "./order-lines.js";

/** What each kind of change is called beside its words; the last three cannot be ordered. */
const changeTags: Record<QuoteChangeKind, string> = {
  price_up: "Price went up",
  price_down: "Price went down",
  quantity_limit: "Fewer than asked",
  no_longer_sold: "Cannot be ordered",
  sold_out: "Cannot be ordered",
  option_unavailable: "Cannot be ordered",
};
const unorderable: ReadonlySet<QuoteChangeKind> = new Set([
  "no_longer_sold",
  "sold_out",
  "option_unavailable",
]);

/**
 * Step 1: the cart at today's prices. Every difference from what the cart showed is said in plain
 * words before the customer goes on, and lines that cannot be ordered are marked and left out.
 */
export function ReviewStep() {
  const { checkout } = useStores();
  const quote = useCheckout((s) => s.quote);
  const quoting = useCheckout((s) => s.quoting);
  const notice = useCheckout((s) => s.notice);
  const error = useCheckout((s) => s.error);
  const { money } = useShopFormat(quote?.currency);

  if (!quote) {
    return (
      <section className="checkout-panel" aria-labelledby="review-title">
        <h1 id="review-title" tabIndex={-1}>
          Check your order
        </h1>
        {error ? (
          <>
            <ErrorNote message={error} />
            <div className="button-row">
              <GoButton to={{ name: "cart" }}>Back to cart</GoButton>
              <button
                type="button"
                className="button button--primary"
                onClick={() => void checkout.getState().requote()}
              >
                Try again
              </button>
            </div>
          </>
        ) : (
          <p role="status">{quoting ? "Getting today's prices…" : ""}</p>
        )}
      </section>
    );
  }

  const marks = Object.fromEntries(
    quote.changes.filter((c) => !unorderable.has(c.kind)).map((c) => [c.item_id, changeTags[c.kind]]),
  );
  return (
    <section className="checkout-panel" aria-labelledby="review-title" aria-busy={quoting}>
      <h1 id="review-title" tabIndex={-1}>
        Check your order
      </h1>
      {notice && (
        <p className="notice" role="alert">
          {notice}
        </p>
      )}
      {quote.changes.length > 0 && (
        <section className="quote-changes" aria-labelledby="changes-title">
          <h2 id="changes-title">What changed since you added these</h2>
          <ul>
            {quote.changes.map((change) => (
              <li
                key={`${change.item_id}:${change.kind}`}
                data-unorderable={unorderable.has(change.kind) || undefined}
              >
                <span className="tag tag--changed">{changeTags[change.kind]}</span> {change.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {quote.orderable ? (
        <>
          <OrderLines lines={quote.lines} money={money} label="Items in your order" marks={marks} />
          <OrderTotals subtotal={quote.subtotal} delivery={null} total={quote.subtotal} money={money} />
        </>
      ) : (
        <p className="empty">
          {quote.changes.length === 0
            ? "Your cart is empty: add something before checking out."
            : "Nothing in your cart can be ordered right now. Go back to your cart to choose something else."}
        </p>
      )}
      <ErrorNote message={error} onDismiss={() => checkout.getState().dismissError()} />
      <div className="button-row checkout-panel__actions">
        <GoButton to={{ name: "cart" }}>Back to cart</GoButton>
        {quote.orderable && (
          <button
            type="button"
            className="button button--primary button--large"
            onClick={() => checkout.getState().continueToReceive()}
          >
            Continue
          </button>
        )}
      </div>
    </section>
  );
}
