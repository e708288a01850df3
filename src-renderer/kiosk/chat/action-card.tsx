import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import type { AssistantAction, CartAction, ProductsFoundAction } from "../../../src-shared/assistant.js";
import type { ProductSummary } from "../../../src-shared/catalog.js";
import { describeOptions, nouns } from "../../../src-shared/format.js";
import { useShopFormat } from "../../components/format.js";
import { useCart, useStores } from "../../stores/stores-context.js";
import { GoButton } from "../components/go-button.js";
import { addKey } from "../../stores/cart-store.js";
import { CheckIcon, CartIcon, SearchIcon, TrashIcon } from "../../components/icons.js";

/**
 * The cards that follow an assistant reply, showing what it did: the web channel's AIActionCard,
 * for every kind of action. Figures come from the action (read from Redis after the tools ran).
 */
export function ActionCard({ action }: { action: AssistantAction }) {
  if (action.type === "products_found") return <ProductsFoundCard action={action} />;
  return <CartActionCard action={action} />;
}

function Card({
  title,
  tone,
  icon,
  children,
}: {
  title: string;
  tone: "success" | "info" | "neutral";
  icon: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section className={`action-card action-card--${tone}`} aria-labelledby={id}>
      <h3 id={id} className="action-card__title">
        <span className="action-card__icon">{icon}</span>
        {title}
      </h3>
      {children}
    </section>
  );
}

function CartButtons({ checkout }: { checkout: boolean }) {
  return (
    <div className="action-card__buttons">
      <GoButton to={{ name: "cart" }}>View Cart</GoButton>
      {checkout && (
        <GoButton to={{ name: "checkout" }} variant="primary">
          Checkout Now
        </GoButton>
      )}
    </div>
  );
}

const titles: Record<CartAction["type"], string> = {
  item_added: "Added to cart",
  item_removed: "Removed from cart",
  quantity_updated: "Quantity changed",
  cart_cleared: "Cart cleared",
  cart_viewed: "Your cart",
  checkout_offered: "Check out",
};

export function CartActionCard({ action }: { action: CartAction }) {
  const { money, count } = useShopFormat(action.currency);
  const title = titles[action.type];
  const item = action.item;
  const line = item ? action.cart_items.find((l) => l.item_id === item.item_id) : undefined;
  const summary = (
    <p className="action-card__summary">
      Cart: {count(action.item_count, nouns.item)}, total <strong>{money(action.cart_total)}</strong>
    </p>
  );

  if (action.type === "cart_cleared") {
    return (
      <Card title={title} tone="neutral" icon={<TrashIcon />}>
        <p>Your cart is empty now.</p>
        <div className="action-card__buttons">
          <GoButton to={{ name: "products" }}>Browse products</GoButton>
        </div>
      </Card>
    );
  }

  if (action.type === "checkout_offered") {
    // The assistant only offers the way: the customer reviews and places the order on the Checkout screen.
    return (
      <Card title={title} tone="info" icon={<CartIcon />}>
        {action.item_count === 0 ? (
          <p>Your cart is empty.</p>
        ) : (
          <>
            {summary}
            <p>Review your order, choose how to receive it and place it. You pay at the counter.</p>
          </>
        )}
        <div className="action-card__buttons">
          {action.item_count > 0 ? (
            <GoButton to={{ name: "checkout" }} variant="primary" size="large">
              Check out
            </GoButton>
          ) : (
            <GoButton to={{ name: "products" }}>Browse products</GoButton>
          )}
        </div>
      </Card>
    );
  }

  if (action.type === "cart_viewed") {
    return (
      <Card title={title} tone="info" icon={<CartIcon />}>
        {action.cart_items.length === 0 ? (
          <p>Your cart is empty.</p>
        ) : (
          <ul className="action-card__lines">
            {action.cart_items.map((l) => (
              <li key={l.item_id}>
                <span>
                  {l.quantity} × {l.name}
                  {describeOptions(l.configuration, "label") && (
                    <span className="muted"> ({describeOptions(l.configuration, "label")})</span>
                  )}
                </span>
                <span className="price">{money(l.line_total)}</span>
              </li>
            ))}
          </ul>
        )}
        {summary}
        <CartButtons checkout={action.item_count > 0} />
      </Card>
    );
  }

  const options = item ? describeOptions(item.configuration, "label") : "";
  return (
    <Card
      title={title}
      tone={action.type === "item_added" ? "success" : "neutral"}
      icon={action.type === "item_removed" ? <TrashIcon /> : <CheckIcon />}
    >
      {item && (
        <div className="action-card__item">
          {line?.image_url && <img className="action-card__image" src={line.image_url} alt="" />}
          <div>
            <p className="action-card__name">{item.name}</p>
            {options && <p className="muted">{options}</p>}
            {action.type === "item_removed" ? (
              <p>No longer in your cart.</p>
            ) : (
              <dl className="facts">
                <div>
                  <dt>Quantity</dt>
                  <dd>{item.quantity}</dd>
                </div>
                <div>
                  <dt>Price</dt>
                  <dd>{money(item.price)} each</dd>
                </div>
                <div>
                  <dt>Line total</dt>
                  <dd>{money(line?.line_total ?? item.price * item.quantity)}</dd>
                </div>
              </dl>
            )}
          </div>
        </div>
      )}
      {summary}
      <CartButtons checkout={action.item_count > 0} />
    </Card>
  );
}

export function ProductsFoundCard({ action }: { action: ProductsFoundAction }) {
  const count = action.products.length;
  return (
    <Card title={count ? `Products found: ${count}` : "No products found"} tone="info" icon={<SearchIcon />}>
      {count > 0 && (
        <ul className="product-cards">
          {action.products.map((product) => (
            <li key={product.id}>
              <ProductCard product={product} currency={action.currency} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** One product in the chat: image, name, price and "Add" (or "Choose" when it has options to pick). */
export function ProductCard({ product, currency }: { product: ProductSummary; currency: string }) {
  const { cart } = useStores();
  const { money } = useShopFormat(currency);
  const pending = useCart((s) => Boolean(s.pending[addKey(product.id)]));
  const [added, setAdded] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const add = async () => {
    const result = await cart.getState().add({ product_id: product.id, quantity: 1 });
    if (result) {
      setAdded(true);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setAdded(false), 2500);
    }
  };

  return (
    <article className="product-card" aria-label={product.name}>
      <img className="product-card__image" src={product.image_url} alt="" loading="lazy" />
      <p className="product-card__name">{product.name}</p>
      <p className="product-card__price">
        {product.has_options && <span className="muted">From </span>}
        {money(product.price)}
      </p>
      {!product.available ? (
        <button type="button" className="button button--small" disabled>
          Sold out
        </button>
      ) : product.has_options ? (
        <GoButton
          to={{ name: "product", productId: product.id }}
          size="small"
          label={`Choose options for ${product.name}`}
        >
          Choose
        </GoButton>
      ) : (
        <button
          type="button"
          className="button button--small button--primary"
          aria-label={`Add ${product.name}`}
          aria-disabled={pending || undefined}
          onClick={() => {
            if (!pending) void add();
          }}
        >
          {pending ? "Adding…" : added ? "Added ✓" : "Add"}
        </button>
      )}
    </article>
  );
}
