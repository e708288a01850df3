import { useEffect } from "react";
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

  // Opening the screen is opening a checkout: the cart priced afresh, whatever it was before.
  useEffect(() => {
    void checkout.getState().open();
  }, [checkout]);

  return (
    <div className={`checkout-screen checkout-screen--${step}`}>
      {step === "review" && <ReviewStep />}
      {step === "receive" && hasQuote && <ReceiveStep />}
      {step === "confirmation" && <ConfirmationStep />}
      {step === "receipt" && <ReceiptView />}
    </div>
  );
}
