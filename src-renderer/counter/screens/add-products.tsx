import { useState, type FormEvent } from "react";
import type { OptionChoice, ProductView } from "../../../src-shared/catalog.js";
import { QUANTITY_HARD_LIMIT } from "../../../src-shared/cart.js";
import { choiceState } from "../../../src-shared/variants.js";
import { QuantityStepper } from "../../components/quantity-stepper.js";
import { initialChoice, isSoldOut, pick } from "../../components/variant-choice.js";
import { useCounterFormat } from "../use-counter-format.js";
import { useCounterStores, useCustomerCart, useProductSearch } from "../stores/counter-context.js";

/**
 * Adding products to a customer's cart from the counter: a search, and for a product with options
 * the same option rule as the kiosk's product page (components/variant-choice.ts), as lists a
 * keyboard can work through. The price shown is the chosen variant's; the cart prices it again.
 */
export function AddProducts() {
  const stores = useCounterStores();
  const results = useProductSearch((s) => s.results);
  const searched = useProductSearch((s) => s.searched);
  const product = useProductSearch((s) => s.product);
  const loading = useProductSearch((s) => s.loading);
  const error = useProductSearch((s) => s.error);
  const pending = useCustomerCart((s) => s.pending);
  const [query, setQuery] = useState("");
  const { money } = useCounterFormat();

  async function submit(event: FormEvent) {
    event.preventDefault();
    await stores.products.getState().search(query);
  }

  return (
    <section className="counter-card add-products" aria-labelledby="add-products-title">
      <h2 id="add-products-title">Add products</h2>
      <form className="counter-inline-form" role="search" onSubmit={(e) => void submit(e)}>
        <label className="visually-hidden" htmlFor="counter-product-search">
          Search products
        </label>
        <input
          id="counter-product-search"
          type="search"
          className="field__input"
          autoComplete="off"
          placeholder="Search products"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="submit" className="button button--secondary" aria-busy={loading || undefined}>
          Search
        </button>
      </form>
      {error && (
        <p className="counter-note counter-note--error" role="alert">
          {error}
        </p>
      )}
      {product ? (
        <OptionPicker key={product.id} product={product} />
      ) : (
        searched &&
        (results.length === 0 ? (
          <p className="empty">No product matches “{query}”.</p>
        ) : (
          <ul className="product-results" aria-label="Products found">
            {results.map((p) => (
              <li key={p.id}>
                <span>
                  {p.name} <span className="muted">{money(p.price)}</span>
                  {!p.available && <span className="tag tag--sold-out">Sold out</span>}
                </span>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  aria-label={p.has_options ? `Choose options of ${p.name}` : `Add ${p.name}`}
                  disabled={!p.available || pending[`add:${p.id}`] === true}
                  onClick={() =>
                    p.has_options
                      ? void stores.products.getState().choose(p.id)
                      : void stores.cart.getState().add(p.id, {}, 1)
                  }
                >
                  {p.has_options ? "Options" : "Add"}
                </button>
              </li>
            ))}
          </ul>
        ))
      )}
    </section>
  );
}

function OptionPicker({ product }: { product: ProductView }) {
  const stores = useCounterStores();
  const [choice, setChoice] = useState<OptionChoice>(() => initialChoice(product));
  const [quantity, setQuantity] = useState(1);
  const pending = useCustomerCart((s) => s.pending[`add:${product.id}`] === true);
  const { unitPrice, unavailable } = choiceState(product, choice);
  const { money } = useCounterFormat();

  async function add(event: FormEvent) {
    event.preventDefault();
    if (unavailable !== null || pending) return;
    if (await stores.cart.getState().add(product.id, choice, quantity))
      stores.products.getState().closeProduct();
  }

  return (
    <form className="option-picker" aria-label={`Options of ${product.name}`} onSubmit={(e) => void add(e)}>
      <p>
        <strong>{product.name}</strong> <span className="muted">{money(unitPrice)} each</span>
      </p>
      <div className="option-picker__axes">
        {product.options.map((axis) => (
          <label key={axis.name} className="field">
            <span className="field__label">{axis.name.charAt(0).toUpperCase() + axis.name.slice(1)}</span>
            <select
              className="field__input"
              value={choice[axis.name] ?? ""}
              onChange={(e) => setChoice(pick(product, choice, axis.name, e.target.value))}
            >
              {axis.values.map((value) => {
                const soldOut = isSoldOut(product, choice, axis.name, value);
                return (
                  <option key={value} value={value} disabled={soldOut}>
                    {soldOut ? `${value} (sold out)` : value}
                  </option>
                );
              })}
            </select>
          </label>
        ))}
        <QuantityStepper
          value={quantity}
          onChange={setQuantity}
          label={product.name}
          max={QUANTITY_HARD_LIMIT}
        />
      </div>
      <div className="button-row">
        <button
          type="submit"
          className="button button--primary"
          disabled={unavailable !== null || pending}
          aria-busy={pending || undefined}
        >
          Add to cart
        </button>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => stores.products.getState().closeProduct()}
        >
          Back to results
        </button>
      </div>
    </form>
  );
}
