import { useEffect, useState } from "react";
import type { OptionChoice, ProductView } from "../../../src-shared/catalog.js";
import { describeOptions } from "../../../src-shared/format.js";
import { useShopFormat } from "../../components/format.js";
import { useCart, useCatalog, useKiosk, useStores } from "../../stores/stores-context.js";
import { GoButton } from "../components/go-button.js";
import { ErrorNote } from "../../components/error-note.js";
import { BackIcon, CartIcon } from "../../components/icons.js";
import { QuantityStepper } from "../../components/quantity-stepper.js";
import { addKey } from "../../stores/cart-store.js";
import { choiceState } from "../../../src-shared/variants.js";
import { initialChoice, isSoldOut, pick } from "../../components/variant-choice.js";

export function ProductScreen({ productId }: { productId: string }) {
  const { catalog, nav } = useStores();
  const product = useCatalog((s) => (s.product?.id === productId ? s.product : null));
  const loading = useCatalog((s) => s.productLoading);
  const error = useCatalog((s) => s.productError);

  useEffect(() => {
    void catalog.getState().openProduct(productId);
  }, [catalog, productId]);

  return (
    <div className="product-screen">
      <button
        type="button"
        className="button button--quiet back-button"
        onClick={() => nav.getState().back()}
      >
        <BackIcon />
        Back
      </button>
      <ErrorNote message={error} />
      {product ? (
        // Keyed by product so the choice starts afresh for each product.
        <ProductDetails key={product.id} product={product} />
      ) : (
        loading && (
          <p className="empty" role="status">
            Loading…
          </p>
        )
      )}
    </div>
  );
}

function ProductDetails({ product }: { product: ProductView }) {
  const { cart } = useStores();
  const { money } = useShopFormat();
  const [choice, setChoice] = useState<OptionChoice>(() => initialChoice(product));
  const [quantity, setQuantity] = useState(1);
  const maxQuantity = useKiosk((s) => s.ui.maxQuantityPerLine);
  const [confirmation, setConfirmation] = useState<string | null>(null);
  const { unitPrice, unavailable } = choiceState(product, choice);
  const pending = useCart((s) => Boolean(s.pending[addKey(product.id, choice)]));
  const error = useCart((s) => s.error);
  const addToCart = async () => {
    if (pending || unavailable) return;
    const added = await cart.getState().add({ product_id: product.id, quantity, options: choice });
    if (added) {
      const options = describeOptions(choice, "label");
      setConfirmation(`Added ${quantity} × ${product.name}${options ? ` (${options})` : ""} to your cart.`);
    } else if (cart.getState().error) {
      // It failed, and the error note says why. (Nothing and no error: a double tap, ignored; the
      // first tap's confirmation stays.)
      setConfirmation(null);
    }
  };

  return (
    <article className="product-details" aria-labelledby="product-name">
      <img className="product-details__image" src={product.image_url} alt={product.name} />
      <div className="product-details__info">
        <h1 id="product-name">{product.name}</h1>
        <p className="product-details__price" aria-live="polite">
          {money(unitPrice)}
          {quantity > 1 && !unavailable && (
            <span className="muted product-details__total">
              {" "}
              · {money(unitPrice * quantity)} for {quantity}
            </span>
          )}
        </p>
        {product.description && <p className="product-details__description">{product.description}</p>}

        {product.options.map((axis) => (
          <fieldset key={axis.name} className="option-picker">
            <legend>{axis.name}</legend>
            <div className="option-picker__values">
              {axis.values.map((value) => {
                const soldOut = isSoldOut(product, choice, axis.name, value);
                return (
                  <label key={value} className="option" data-sold-out={soldOut || undefined}>
                    <input
                      type="radio"
                      name={`option-${axis.name}`}
                      value={value}
                      checked={choice[axis.name] === value}
                      disabled={soldOut}
                      onChange={() => {
                        setChoice(pick(product, choice, axis.name, value));
                        setConfirmation(null);
                      }}
                    />
                    <span className="option__value">{value}</span>
                    {soldOut && (
                      <>
                        {" "}
                        <span className="option__note">sold out</span>
                      </>
                    )}
                  </label>
                );
              })}
            </div>
          </fieldset>
        ))}

        <div className="product-details__buy">
          <QuantityStepper
            label={product.name}
            value={quantity}
            max={maxQuantity}
            onChange={setQuantity}
            disabled={pending}
          />
          <button
            type="button"
            className="button button--primary button--large"
            disabled={Boolean(unavailable)}
            aria-disabled={pending || undefined}
            onClick={() => void addToCart()}
          >
            <CartIcon />
            {unavailable === "sold_out"
              ? "Sold out"
              : unavailable === "not_made"
                ? "Not available"
                : pending
                  ? "Adding…"
                  : "Add to cart"}
          </button>
        </div>
        <ErrorNote message={error} onDismiss={() => cart.getState().dismissError()} />
        {confirmation && (
          <div className="confirmation" role="status">
            <p>{confirmation}</p>
            <GoButton to={{ name: "cart" }}>View Cart</GoButton>
          </div>
        )}
      </div>
    </article>
  );
}
