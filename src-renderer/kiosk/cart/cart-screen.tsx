import type { CartLine } from "../../../src-shared/cart.js";
import { describeOptions, nouns } from "../../../src-shared/format.js";
import { useShopFormat } from "../../components/format.js";
import { useCart, useKiosk, useStores } from "../../stores/stores-context.js";
import { GoButton } from "../components/go-button.js";
import { ErrorNote } from "../../components/error-note.js";
import { TrashIcon } from "../../components/icons.js";
import { QuantityStepper } from "../../components/quantity-stepper.js";
import { lineKey } from "../../stores/cart-store.js";

export function CartScreen() {
  const { cart } = useStores();
  const items = useCart((s) => s.items);
  const itemCount = useCart((s) => s.itemCount);
  const total = useCart((s) => s.total);
  const loaded = useCart((s) => s.loaded);
  const error = useCart((s) => s.error);
  const { money, count } = useShopFormat();

  return (
    <div className="cart-screen">
      <div className="screen-heading">
        <h1>Your cart</h1>
      </div>
      <ErrorNote message={error} onDismiss={() => cart.getState().dismissError()} />
      {items.length === 0 ? (
        <div className="empty-cart">
          <p className="empty">{loaded ? "Your cart is empty." : "Loading your cart…"}</p>
          <div className="button-row">
            <GoButton to={{ name: "products" }} variant="primary">
              Browse products
            </GoButton>
            <GoButton to={{ name: "chat" }}>Ask the assistant</GoButton>
          </div>
        </div>
      ) : (
        <div className="cart-screen__layout">
          <ul className="cart-lines" aria-label="Items in your cart">
            {items.map((line) => (
              <li key={line.item_id}>
                <CartLineRow line={line} />
              </li>
            ))}
          </ul>
          <section className="cart-summary" aria-labelledby="cart-summary-title">
            <h2 id="cart-summary-title">Summary</h2>
            <dl className="facts facts--summary">
              <div>
                <dt>Items</dt>
                <dd>{count(itemCount, nouns.item)}</dd>
              </div>
              <div className="facts__total">
                <dt>Total</dt>
                <dd data-testid="cart-total">{money(total)}</dd>
              </div>
            </dl>
            <GoButton to={{ name: "checkout" }} variant="primary" size="large">
              Checkout Now
            </GoButton>
            <GoButton to={{ name: "products" }}>Keep shopping</GoButton>
          </section>
        </div>
      )}
    </div>
  );
}

function CartLineRow({ line }: { line: CartLine }) {
  const { cart } = useStores();
  const pending = useCart((s) => s.pending[lineKey(line.item_id)]);
  const maxQuantity = useKiosk((s) => s.ui.maxQuantityPerLine);
  const { money } = useShopFormat();
  const options = describeOptions(line.configuration, "label");
  return (
    <article className="cart-line" aria-label={line.name} aria-busy={pending ? true : undefined}>
      <img className="cart-line__image" src={line.image_url} alt="" />
      <div className="cart-line__info">
        <h3 className="cart-line__name">{line.name}</h3>
        {options && <p className="muted">{options}</p>}
        <p className="cart-line__price">{money(line.price)} each</p>
      </div>
      <div className="cart-line__controls">
        <QuantityStepper
          label={line.name}
          value={line.quantity}
          max={maxQuantity}
          disabled={Boolean(pending)}
          onChange={(quantity) => void cart.getState().updateQuantity(line.item_id, quantity)}
        />
        <button
          type="button"
          className="button button--quiet cart-line__remove"
          aria-label={`Remove ${line.name}`}
          disabled={Boolean(pending)}
          onClick={() => void cart.getState().remove(line.item_id)}
        >
          <TrashIcon />
          <span>Remove</span>
        </button>
      </div>
      <p className="cart-line__total">
        <span className="visually-hidden">Line total: </span>
        {money(line.line_total)}
      </p>
      {pending && (
        <p className="cart-line__pending" role="status">
          {pending === "remove" ? "Removing…" : "Updating…"}
        </p>
      )}
    </article>
  );
}
