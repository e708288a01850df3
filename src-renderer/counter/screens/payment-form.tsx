import { useEffect, useRef, useState, type FormEvent } from "react";
import { currencyExponent, decimalToMinor } from "../../../src-shared/money.js";
import type { Order, PaymentMethod } from "../../../src-shared/order.js";
import { paymentMethodLabels } from "../queue-lists.js";
import { useCounterFormat } from "../use-counter-format.js";
import { useCounterStores, useOpenOrder } from "../stores/counter-context.js";

/**
 * "Take payment": cash with the amount tendered and the change due shown large and exact (less
 * than the total cannot be confirmed), card with the slip's reference, mobile money with the
 * transaction id. The amount is always the order's total: the main process records it, never a
 * figure typed here, and a second counter paying the same order at once is refused there.
 */

/** The cash typed ("200,000", "50.5"), in minor units of `currency`; undefined when it is not an amount. */
export function parseTendered(text: string, currency: string): number | undefined {
  const cleaned = text.replace(/[\s,]/g, "");
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return undefined;
  try {
    return decimalToMinor(cleaned, currencyExponent(currency));
  } catch {
    return undefined;
  }
}

export function PaymentForm({ order, onDone }: { order: Order; onDone: (change: number | null) => void }) {
  const stores = useCounterStores();
  const busy = useOpenOrder((s) => s.busy === "pay");
  const { money } = useCounterFormat(order.currency);
  const [method, setMethod] = useState<PaymentMethod>("cash");
  const [tenderedText, setTenderedText] = useState("");
  const [reference, setReference] = useState("");
  const [touched, setTouched] = useState(false);
  const tenderedField = useRef<HTMLInputElement>(null);
  const referenceField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    (method === "cash" ? tenderedField : referenceField).current?.focus();
  }, [method]);

  const tendered = parseTendered(tenderedText, order.currency);
  const change = tendered === undefined ? undefined : tendered - order.total;
  let problem: string | null = null;
  if (method === "cash") {
    if (tenderedText.trim() === "") problem = "Enter the amount tendered.";
    else if (tendered === undefined) problem = `"${tenderedText}" is not an amount.`;
    else if (change! < 0) problem = `${money(-change!)} short: the amount tendered is less than the total.`;
  } else if (!/^[A-Za-z0-9 ._/-]{1,64}$/.test(reference.trim())) {
    problem =
      method === "card" ? "Enter the card slip's reference." : "Enter the mobile money transaction ID.";
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (problem) return;
    const paid = await stores.order
      .getState()
      .pay(method === "cash" ? { method, tendered } : { method, reference: reference.trim() });
    if (paid) onDone(method === "cash" ? change! : null);
  }

  const referenceLabel = method === "card" ? "Card slip reference" : "Transaction ID";

  return (
    <form className="payment-form" aria-label="Take payment" onSubmit={(e) => void submit(e)} noValidate>
      <p className="payment-form__due">
        Total due <strong>{money(order.total)}</strong>
      </p>
      <fieldset className="segmented">
        <legend>Payment method</legend>
        {(Object.keys(paymentMethodLabels) as PaymentMethod[]).map((m) => (
          <label key={m} className="segmented__option">
            <input
              type="radio"
              name="method"
              value={m}
              checked={method === m}
              onChange={() => {
                setMethod(m);
                setTouched(false);
              }}
            />
            <span>{paymentMethodLabels[m]}</span>
          </label>
        ))}
      </fieldset>
      {method === "cash" ? (
        <>
          <div className="payment-form__row">
            <label className="field">
              <span className="field__label">Amount tendered</span>
              <input
                ref={tenderedField}
                className="field__input field__input--money"
                inputMode="decimal"
                autoComplete="off"
                value={tenderedText}
                aria-invalid={touched && problem ? true : undefined}
                aria-describedby="change-due"
                onChange={(e) => setTenderedText(e.target.value)}
              />
            </label>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setTenderedText(String(order.total / 10 ** currencyExponent(order.currency)));
                tenderedField.current?.focus();
              }}
            >
              Exact amount
            </button>
          </div>
          <div id="change-due" className="change-due" role="status">
            {change !== undefined && change >= 0 ? (
              <>
                <span className="change-due__label">Change due</span>
                <strong className="change-due__amount">{money(change)}</strong>
              </>
            ) : (
              <span className="change-due__label">
                {tenderedText.trim() ? problem : "Change due appears here"}
              </span>
            )}
          </div>
        </>
      ) : (
        <label className="field">
          <span className="field__label">{referenceLabel}</span>
          <input
            ref={referenceField}
            className="field__input"
            autoComplete="off"
            maxLength={64}
            value={reference}
            aria-invalid={touched && problem ? true : undefined}
            onChange={(e) => setReference(e.target.value)}
          />
        </label>
      )}
      {touched && problem && method !== "cash" && (
        <p className="counter-note counter-note--error" role="alert">
          {problem}
        </p>
      )}
      <div className="button-row">
        <button
          type="submit"
          className="button button--primary"
          disabled={busy || (method === "cash" && problem !== null)}
          aria-busy={busy || undefined}
        >
          Confirm payment
        </button>
        <button type="button" className="button button--quiet" onClick={() => onDone(null)}>
          Back
        </button>
      </div>
    </form>
  );
}
