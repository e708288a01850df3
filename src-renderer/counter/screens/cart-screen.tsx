import { useState, type FormEvent } from "react";
import { newOperationId } from "../../../src-shared/operation-id.js";
import { QUANTITY_HARD_LIMIT } from "../../../src-shared/cart.js";
import { describeOptions, nouns } from "../../../src-shared/format.js";
import { ErrorNote } from "../../components/error-note.js";
import { TrashIcon } from "../../components/icons.js";
import { QuantityStepper } from "../../components/quantity-stepper.js";
import { useCounterFormat } from "../use-counter-format.js";
import { useCounterStores, useCustomerCart } from "../stores/counter-context.js";
import { AddProducts } from "./add-products.js";

/**
 * A customer's live cart, found by the reference their kiosk's checkout shows: the cashier changes
 * quantities or removes lines, and the customer's kiosk shows each change at once (and the other
 * way round). The per-line maximum is the main process's to enforce; its refusal is shown.
 */
export function CartScreen() {
  const stores = useCounterStores();
  const matches = useCustomerCart((s) => s.matches);
  const cart = useCustomerCart((s) => s.cart);
  const reference = useCustomerCart((s) => s.reference);
  const sessionId = useCustomerCart((s) => s.sessionId);
  const loading = useCustomerCart((s) => s.loading);
  const error = useCustomerCart((s) => s.error);
  const pending = useCustomerCart((s) => s.pending);
  const [query, setQuery] = useState("");
  const { money, count } = useCounterFormat(cart?.currency);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (query.trim()) await stores.cart.getState().find(query);
  }

  return (
    <div className="cart-desk">
      <h1 className="cart-desk__title">Customer cart</h1>
      <form className="counter-inline-form" onSubmit={(e) => void submit(e)}>
        <label className="field field--inline">
          <span className="field__label">Cart reference</span>
          <input
            className="field__input"
            autoComplete="off"
            spellCheck={false}
            maxLength={6}
            placeholder="4F5A6B"
            value={query}
            onChange={(e) => setQuery(e.target.value.toUpperCase())}
          />
        </label>
        <button type="submit" className="button button--secondary" aria-busy={loading || undefined}>
          Find cart
        </button>
      </form>
      <ErrorNote message={error} onDismiss={() => stores.cart.getState().dismissError()} />

      {matches.length > 1 && (
        <ul className="cart-matches" aria-label="Carts with this reference">
          {matches.map((match) => (
            <li key={match.session_id}>
              <button
                type="button"
                className="button button--secondary"
                aria-current={match.session_id === sessionId ? "true" : undefined}
                onClick={() => void stores.cart.getState().open(match)}
              >
                Open cart {match.reference}: {count(match.cart.item_count, nouns.item)},{" "}
                {money(match.cart.cart_total)}
              </button>
            </li>
          ))}
        </ul>
      )}

      {cart && (
        <div className="cart-desk__layout">
          <section className="counter-card cart-desk__cart" aria-labelledby="customer-cart-title">
            <div className="cart-desk__head">
              <h2 id="customer-cart-title">Cart {reference}</h2>
              <span className="muted">Live: changes here show on the customer&apos;s kiosk at once.</span>
              <button
                type="button"
                className="button button--quiet"
                onClick={() => void stores.cart.getState().close()}
              >
                Close cart
              </button>
            </div>
            {cart.items.length === 0 ? (
              <p className="empty">This cart is empty.</p>
            ) : (
              <table className="order-lines">
                <caption className="visually-hidden">Items in the cart</caption>
                <thead>
                  <tr>
                    <th scope="col">Item</th>
                    <th scope="col" className="num">
                      Price
                    </th>
                    <th scope="col">Quantity</th>
                    <th scope="col" className="num">
                      Total
                    </th>
                    <th scope="col">
                      <span className="visually-hidden">Remove</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {cart.items.map((line) => {
                    const options = describeOptions(line.configuration, "label");
                    const busy = pending[line.item_id] === true;
                    return (
                      <tr key={line.item_id} aria-busy={busy || undefined}>
                        <td>
                          {line.name}
                          {options && <span className="muted order-lines__options">{options}</span>}
                        </td>
                        <td className="num">{money(line.price)}</td>
                        <td>
                          <QuantityStepper
                            value={line.quantity}
                            label={line.name}
                            max={QUANTITY_HARD_LIMIT}
                            disabled={busy}
                            onChange={(quantity) =>
                              void stores.cart.getState().setQuantity(line.item_id, quantity)
                            }
                          />
                        </td>
                        <td className="num">{money(line.line_total)}</td>
                        <td>
                          <button
                            type="button"
                            className="button button--quiet button--icon"
                            aria-label={`Remove ${line.name}`}
                            disabled={busy}
                            onClick={() => void stores.cart.getState().remove(line.item_id)}
                          >
                            <TrashIcon size={20} />
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
            <p className="cart-desk__total">
              <span>Total, {count(cart.item_count, nouns.item)}</span>{" "}
              <strong>{money(cart.cart_total)}</strong>
            </p>
            <PlaceOrder />
          </section>
          <AddProducts />
        </div>
      )}
    </div>
  );
}

/**
 * "Place order" for the customer: the kiosk's checkout, priced afresh (what changed is listed) and
 * placed with the quote's fingerprint, collected at the counter. One idempotency key per attempt:
 * pressing "Confirm order" again after a lost answer returns the same order, never a second one.
 */
function PlaceOrder() {
  const stores = useCounterStores();
  const quote = useCustomerCart((s) => s.quote);
  const placing = useCustomerCart((s) => s.placing);
  const items = useCustomerCart((s) => s.cart?.items.length ?? 0);
  const [attempt, setAttempt] = useState<string | null>(null);
  const { money, count } = useCounterFormat(quote?.currency);

  if (!quote) {
    return (
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          disabled={items === 0}
          onClick={() => {
            setAttempt(newOperationId());
            void stores.cart.getState().review();
          }}
        >
          Place order
        </button>
      </div>
    );
  }
  return (
    <div className="place-order" role="group" aria-label="Place order">
      {quote.changes.length > 0 && (
        <ul className="counter-note counter-note--warn" aria-label="What changed since the cart was filled">
          {quote.changes.map((change) => (
            <li key={`${change.item_id}:${change.kind}`}>{change.message}</li>
          ))}
        </ul>
      )}
      <p className="cart-desk__total">
        <span>To pay, {count(quote.item_count, nouns.item)}, collected at the counter</span>{" "}
        <strong>{money(quote.subtotal)}</strong>
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          disabled={!quote.orderable || placing}
          aria-busy={placing || undefined}
          onClick={() =>
            void stores.cart
              .getState()
              .placeOrder(attempt ?? newOperationId())
              .then((order) => {
                if (!order) return;
                stores.order.getState().show(order);
                stores.queue.getState().update(order);
                stores.view.getState().go("queue");
              })
          }
        >
          Confirm order
        </button>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => stores.cart.getState().cancelReview()}
        >
          Back to cart
        </button>
      </div>
    </div>
  );
}
