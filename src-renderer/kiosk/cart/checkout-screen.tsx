import { describeOptions, nouns } from "../../../src-shared/format.js";
import { cartReference } from "../../../src-shared/session.js";
import { useShopFormat } from "../../components/format.js";
import { useCart, useKiosk, useStores } from "../../stores/stores-context.js";
import { GoButton } from "../components/go-button.js";

/** Payment happens at the counter for now: the customer shows the cart's reference to the cashier. */
export function CheckoutScreen() {
  const { kiosk } = useStores();
  const sessionId = useKiosk((s) => s.sessionId);
  const items = useCart((s) => s.items);
  const itemCount = useCart((s) => s.itemCount);
  const total = useCart((s) => s.total);
  const { money, count } = useShopFormat();
  const reference = sessionId ? cartReference(sessionId) : "";

  return (
    <div className="checkout-screen">
      <section className="checkout-card" aria-labelledby="checkout-title">
        <h1 id="checkout-title">Pay at the counter</h1>
        <p className="checkout-card__lead">
          Show this reference to the cashier. They will find your cart and take your payment.
        </p>
        <p className="reference">
          <span className="visually-hidden">Your cart reference: </span>
          {reference}
        </p>
        {items.length > 0 ? (
          <>
            <ul className="checkout-lines" aria-label="Items to pay for">
              {items.map((line) => {
                const options = describeOptions(line.configuration, "label");
                return (
                  <li key={line.item_id}>
                    <span>
                      {line.quantity} × {line.name}
                      {options && <span className="muted"> ({options})</span>}
                    </span>
                    <span className="price">{money(line.line_total)}</span>
                  </li>
                );
              })}
            </ul>
            <p className="checkout-total">
              <span>Total, {count(itemCount, nouns.item)}</span>
              <strong>{money(total)}</strong>
            </p>
          </>
        ) : (
          <p className="empty">Your cart is empty.</p>
        )}
        <div className="button-row">
          <GoButton to={{ name: "cart" }}>Back to cart</GoButton>
          <button
            type="button"
            className="button button--primary"
            onClick={() => void kiosk.getState().startOver()}
          >
            Done
          </button>
        </div>
      </section>
    </div>
  );
}
