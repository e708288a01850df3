import { useEffect, useRef } from "react";
import { useCheckout, useStores } from "../../stores/stores-context.js";
import { ConfirmationStep } from "./confirmation-step.js";
import { ReceiptView } from "./receipt-view.js";
import { ReceiveStep } from "./receive-step.js";
import { ReviewStep } from "./review-step.js";

/** Checkout: check the order at today's prices, say how to receive it, place it, then the order. */
export function CheckoutScreen() {
  const { checkout } = useStores();
  const step = useCheckout((s) => s.step);
  const hasQuote = useCheckout((s) => s.quote !== null);

  const root = useRef<HTMLDivElement>(null);
  const shownStep = useRef(step);

  // Opening the screen is opening a checkout: the cart priced afresh, whatever it was before.
  useEffect(() => {
    void checkout.getState().open();
  }, [checkout]);

  // A new step replaces the button that led to it: keyboard and screen reader users go on from
  // the new step's heading rather than from nowhere. (The screen itself is focused by the app.)
  useEffect(() => {
    if (shownStep.current === step) return;
    shownStep.current = step;
    root.current?.querySelector<HTMLElement>("h1")?.focus({ preventScroll: true });
  }, [step, hasQuote]);

  return (
    <div ref={root} className={`checkout-screen checkout-screen--${step}`}>
      {step === "review" && <ReviewStep />}
      {step === "receive" && hasQuote && <ReceiveStep />}
      {step === "confirmation" && <ConfirmationStep />}
      {step === "receipt" && <ReceiptView />}
    </div>
  );
}
