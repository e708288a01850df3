import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { ErrorNote } from "../../components/error-note.js";
import { useShopFormat } from "../../components/format.js";
import type { DetailsField } from "../../stores/checkout-store.js";
import { useCheckout, useStores } from "../../stores/stores-context.js";
import { OnScreenKeyboard } from "../components/on-screen-keyboard.js";
import { OrderTotals } from "./order-lines.js";

interface FieldSpec {
  field: DetailsField;
  label: string;
  hint?: string;
  maxLength: number;
  autoComplete: string;
  kind?: "phone";
}

/**
 * Step 2: how to receive the order (collect at the counter, or one of the shop's delivery
 * options), the contact and, for a delivery, the address. Typed with the on-screen keyboard
 * (the field being typed in is the one it types into; "Next" moves on) or a physical one. The
 * totals and "Place order" sit in a bar that never scrolls away, in either orientation.
 */
export function ReceiveStep() {
  const { checkout } = useStores();
  const quote = useCheckout((s) => s.quote)!;
  const receive = useCheckout((s) => s.receive);
  const placing = useCheckout((s) => s.placing);
  const error = useCheckout((s) => s.error);
  const { money } = useShopFormat(quote.currency);
  const [active, setActive] = useState<DetailsField | null>(null);
  const form = useRef<HTMLDivElement>(null);
  const delivery =
    receive.type === "delivery"
      ? quote.fulfilment.delivery.find((o) => o.id === receive.optionId)
      : undefined;

  const fields: FieldSpec[] = [
    {
      field: "name",
      label: delivery ? "Your name" : "Your name (optional)",
      maxLength: 80,
      autoComplete: "name",
    },
    {
      field: "phone",
      label: delivery ? "Phone number" : "Phone number (optional)",
      hint: "With the country code, e.g. +256 701 618576",
      maxLength: 24,
      autoComplete: "tel",
      kind: "phone",
    },
  ];
  const addressFields: FieldSpec[] = [
    {
      field: "recipient",
      label: "Who receives it (if not you)",
      maxLength: 80,
      autoComplete: "off",
    },
    { field: "area", label: "Area", hint: "e.g. Kololo", maxLength: 80, autoComplete: "address-level2" },
    {
      field: "street",
      label: "Street or landmark",
      hint: "e.g. Plot 12 Acacia Avenue, opposite the mosque",
      maxLength: 160,
      autoComplete: "street-address",
    },
    { field: "notes", label: "Notes for the rider (optional)", maxLength: 300, autoComplete: "off" },
  ];
  const order = [...fields, ...(delivery ? addressFields : [])];
  const activeSpec = order.find((f) => f.field === active);
  const problems = useCheckout((s) => Object.keys(s.fieldErrors).length);
  const problemsBefore = useRef(0);

  // After a refused "Place order" (more problems than before; typing only ever fixes them), the
  // first field to fix gets the focus, and so the keyboard.
  useEffect(() => {
    if (problems > problemsBefore.current) {
      form.current?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
    }
    problemsBefore.current = problems;
  }, [problems]);

  const focusNext = () => {
    const at = order.findIndex((f) => f.field === active);
    const next = order[at + 1];
    if (next) form.current?.querySelector<HTMLInputElement>(`[name="${next.field}"]`)?.focus();
    else setActive(null);
  };

  return (
    <section className="receive-step" aria-labelledby="receive-title">
      <div className="receive-step__form" ref={form}>
        <h1 id="receive-title" tabIndex={-1}>
          How would you like to receive it?
        </h1>
        <fieldset className="receive-choices">
          <legend className="visually-hidden">How to receive it</legend>
          {quote.fulfilment.collection && (
            <Choice
              checked={receive.type === "collection"}
              onChange={() => checkout.getState().chooseReceive({ type: "collection" })}
              title="Collect at the counter"
              price="Free"
            >
              Pay and collect at the counter now.
            </Choice>
          )}
          {quote.fulfilment.delivery.map((option) => (
            <Choice
              key={option.id}
              checked={receive.type === "delivery" && receive.optionId === option.id}
              onChange={() => checkout.getState().chooseReceive({ type: "delivery", optionId: option.id })}
              title={`Delivery: ${option.name}`}
              price={money(option.price)}
            >
              {option.description}
            </Choice>
          ))}
        </fieldset>
        <fieldset className="details">
          <legend>Your details</legend>
          {fields.map((spec) => (
            <Field key={spec.field} spec={spec} onFocus={() => setActive(spec.field)} />
          ))}
        </fieldset>
        {delivery && (
          <fieldset className="details">
            <legend>Delivery address</legend>
            {addressFields.map((spec) => (
              <Field key={spec.field} spec={spec} onFocus={() => setActive(spec.field)} />
            ))}
          </fieldset>
        )}
      </div>
      {activeSpec && (
        <KeyboardFor spec={activeSpec} last={order.at(-1)?.field === activeSpec.field} onNext={focusNext} />
      )}
      <div className="place-bar">
        <ErrorNote message={error} onDismiss={() => checkout.getState().dismissError()} />
        <OrderTotals
          subtotal={quote.subtotal}
          delivery={delivery ? delivery.price : null}
          total={quote.subtotal + (delivery?.price ?? 0)}
          money={money}
        />
        <div className="button-row place-bar__buttons">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => checkout.getState().back()}
          >
            Back
          </button>
          <button
            type="button"
            className="button button--primary button--large place-bar__place"
            aria-busy={placing}
            // Not disabled while placing: a disabled button loses focus; the store ignores the second tap.
            onClick={() => void checkout.getState().place()}
          >
            {placing ? "Placing your order…" : "Place order"}
          </button>
        </div>
      </div>
    </section>
  );
}

function Choice({
  checked,
  onChange,
  title,
  price,
  children,
}: {
  checked: boolean;
  onChange: () => void;
  title: string;
  price: string;
  children: ReactNode;
}) {
  return (
    <label className="receive-choice">
      <input type="radio" name="receive" checked={checked} onChange={onChange} />
      <span className="receive-choice__title">{title}</span>
      <span className="receive-choice__price">{price}</span>
      <span className="receive-choice__text muted">{children}</span>
    </label>
  );
}

function Field({ spec, onFocus }: { spec: FieldSpec; onFocus: () => void }) {
  const { checkout } = useStores();
  const value = useCheckout((s) => s.details[spec.field]);
  const problem = useCheckout((s) => s.fieldErrors[spec.field]);
  const id = useId();
  return (
    <div className="field" data-invalid={problem ? true : undefined}>
      <label htmlFor={id}>{spec.label}</label>
      {spec.hint && (
        <span id={`${id}-hint`} className="field__hint muted">
          {spec.hint}
        </span>
      )}
      <input
        id={id}
        name={spec.field}
        className="field__input"
        value={value}
        maxLength={spec.maxLength}
        autoComplete={spec.autoComplete}
        inputMode={spec.kind === "phone" ? "tel" : "text"}
        type={spec.kind === "phone" ? "tel" : "text"}
        aria-invalid={problem ? true : undefined}
        aria-describedby={
          [spec.hint && `${id}-hint`, problem && `${id}-problem`].filter(Boolean).join(" ") || undefined
        }
        onFocus={onFocus}
        onChange={(e) => checkout.getState().setField(spec.field, e.target.value)}
      />
      {problem && (
        <span id={`${id}-problem`} className="field__problem">
          {problem}
        </span>
      )}
    </div>
  );
}

function KeyboardFor({ spec, last, onNext }: { spec: FieldSpec; last: boolean; onNext: () => void }) {
  const { checkout } = useStores();
  const value = useCheckout((s) => s.details[spec.field]);
  return (
    <OnScreenKeyboard
      key={spec.field}
      label={`Keyboard for ${spec.label.replace(/ \(.*\)$/, "").toLowerCase()}`}
      value={value}
      onChange={(text) => checkout.getState().setField(spec.field, text)}
      enterLabel={last ? "Done" : "Next"}
      onEnter={onNext}
      maxLength={spec.maxLength}
      {...(spec.kind ? { kind: spec.kind } : {})}
    />
  );
}
