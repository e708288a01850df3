import { useEffect, useRef } from "react";
import { CartScreen } from "./cart/cart-screen.js";
import { CheckoutScreen } from "./checkout/checkout-screen.js";
import { ChatScreen } from "./chat/chat-screen.js";
import { IdleDialog } from "./components/idle-dialog.js";
import { NavBar } from "./components/nav-bar.js";
import { StatusBanner } from "../components/status-banner.js";
import { ProductScreen } from "./products/product-screen.js";
import { ProductsScreen } from "./products/products-screen.js";
import type { Screen } from "../stores/nav-store.js";
import { WelcomeScreen } from "./screens/welcome-screen.js";
import { useKiosk, useNav, useStores } from "../stores/stores-context.js";
import { useIdleTimer } from "../components/use-idle-timer.js";

const titles: Record<Screen["name"], string> = {
  welcome: "Welcome",
  chat: "Assistant",
  products: "Products",
  product: "Product",
  cart: "Your cart",
  checkout: "Checkout",
};

export function App() {
  const { kiosk } = useStores();
  const phase = useKiosk((s) => s.phase);
  const bootError = useKiosk((s) => s.bootError);
  const kioskMode = useKiosk((s) => s.ui.kioskMode);
  const storeName = useKiosk((s) => s.storeInfo?.name);
  const screen = useNav((s) => s.screen);

  useEffect(() => {
    document.title = storeName ? `${titles[screen.name]} · ${storeName}` : titles[screen.name];
  }, [screen.name, storeName]);

  // In kiosk mode the screen is an appliance: no text selection, no context menu.
  useEffect(() => {
    document.documentElement.classList.toggle("kiosk-mode", kioskMode);
    if (!kioskMode) return;
    const block = (e: Event) => e.preventDefault();
    window.addEventListener("contextmenu", block);
    return () => window.removeEventListener("contextmenu", block);
  }, [kioskMode]);

  if (phase === "booting") {
    return (
      <main className="splash">
        <h1 className="visually-hidden">Starting</h1>
        <p role="status">Starting…</p>
      </main>
    );
  }
  if (phase === "failed") {
    return (
      <main className="splash">
        <h1>The kiosk cannot start</h1>
        <p role="alert">{bootError}</p>
        <button
          type="button"
          className="button button--primary button--large"
          onClick={() => void kiosk.getState().boot()}
        >
          Try again
        </button>
      </main>
    );
  }
  if (screen.name === "welcome") {
    return (
      <div className="app app--welcome">
        <StatusBanner />
        <WelcomeScreen />
      </div>
    );
  }
  return <Shop screen={screen} />;
}

function Shop({ screen }: { screen: Exclude<Screen, { name: "welcome" }> }) {
  const { kiosk } = useStores();
  const ui = useKiosk((s) => s.ui);
  const main = useRef<HTMLElement>(null);
  const idle = useIdleTimer({
    enabled: true,
    timeoutSeconds: ui.idleTimeoutSeconds,
    countdownSeconds: ui.idleCountdownSeconds,
    onExpire: () => void kiosk.getState().startOver(),
  });

  // A new screen: start reading it from the top (keyboard and screen reader users land on it).
  const screenKey = screen.name === "product" ? `product:${screen.productId}` : screen.name;
  useEffect(() => {
    main.current?.focus({ preventScroll: true });
    main.current?.scrollTo?.({ top: 0 });
  }, [screenKey]);

  return (
    <>
      <div className="app" inert={idle.warning}>
        <div className="app__top">
          <StatusBanner />
          <NavBar />
        </div>
        <main ref={main} className={`app__main app__main--${screen.name}`} tabIndex={-1}>
          {screen.name === "chat" && <ChatScreen />}
          {screen.name === "products" && <ProductsScreen />}
          {screen.name === "product" && <ProductScreen productId={screen.productId} />}
          {screen.name === "cart" && <CartScreen />}
          {screen.name === "checkout" && <CheckoutScreen />}
        </main>
      </div>
      {idle.warning && (
        <IdleDialog
          secondsLeft={idle.secondsLeft}
          total={ui.idleCountdownSeconds}
          onStay={idle.stillHere}
          onStartOver={() => {
            idle.stillHere();
            void kiosk.getState().startOver();
          }}
        />
      )}
    </>
  );
}
