import { nouns } from "../../../src-shared/format.js";
import { useShopFormat } from "../../components/format.js";
import { useCart, useKiosk, useNav, useStores } from "../../stores/stores-context.js";
import type { ScreenName } from "../../stores/nav-store.js";
import { CartIcon, ChatIcon, GridIcon } from "../../components/icons.js";

/** Which nav button a screen belongs to, for aria-current. */
const section: Record<ScreenName, "chat" | "products" | "cart" | null> = {
  welcome: null,
  chat: "chat",
  products: "products",
  product: "products",
  cart: "cart",
  checkout: "cart",
};

export function NavBar() {
  const { nav } = useStores();
  const current = useNav((s) => section[s.screen.name]);
  const itemCount = useCart((s) => s.itemCount);
  const storeName = useKiosk((s) => s.storeInfo?.name ?? "");
  const go = nav.getState().go;
  const { count } = useShopFormat();

  return (
    <header className="nav-bar">
      <p className="nav-bar__brand">{storeName}</p>
      <nav aria-label="Main">
        <ul className="nav-bar__list">
          <li>
            <button
              type="button"
              className="nav-button"
              aria-current={current === "chat" ? "page" : undefined}
              onClick={() => go({ name: "chat" })}
            >
              <ChatIcon />
              <span>Assistant</span>
            </button>
          </li>
          <li>
            <button
              type="button"
              className="nav-button"
              aria-current={current === "products" ? "page" : undefined}
              onClick={() => go({ name: "products" })}
            >
              <GridIcon />
              <span>Products</span>
            </button>
          </li>
          <li>
            <button
              type="button"
              className="nav-button nav-button--cart"
              aria-label={`Cart, ${count(itemCount, nouns.item)}`}
              aria-current={current === "cart" ? "page" : undefined}
              onClick={() => go({ name: "cart" })}
            >
              <CartIcon />
              <span>Cart</span>
              {itemCount > 0 && (
                <span className="badge" data-testid="cart-badge" aria-hidden="true">
                  {itemCount > 99 ? "99+" : itemCount}
                </span>
              )}
            </button>
          </li>
        </ul>
      </nav>
    </header>
  );
}
