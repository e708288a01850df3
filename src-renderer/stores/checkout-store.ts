import { createStore, type StoreApi } from "zustand/vanilla";
import type { KioskApi, RequestInput } from "../../src-shared/contract.js";
import {
  AddressInputSchema,
  ContactInputSchema,
  deliveryProblems,
  type Order,
  type Quote,
} from "../../src-shared/order.js";
import { errorMessage } from "./error-message.js";

/**
 * One customer's checkout: the quote (fresh prices from the catalog, every change in words), how
 * to receive the order, one "Place order", then the order itself, kept live by `order-changed`.
 * The main process decides everything that matters (prices, totals, whether the cart still is the
 * one reviewed); this store only carries the customer's choices there and shows the answers.
 *
 * Exactly one order per checkout attempt: each attempt gets one idempotency key, made at its first
 * "Place order" and sent again by every retry of it (a double tap, a tap after "unavailable", when
 * the order may have been written before the connection dropped), so the main process returns the
 * order it already made. The key is dropped only once the attempt is settled: an order came back,
 * or the cart changed and had to be quoted again (a new attempt).
 */

export type CheckoutStep = "review" | "receive" | "confirmation" | "receipt";

export type ReceiveChoice = { type: "collection" } | { type: "delivery"; optionId: string };

export const detailsFields = ["name", "phone", "recipient", "area", "street", "notes"] as const;
export type DetailsField = (typeof detailsFields)[number];
export type Details = Record<DetailsField, string>;

export interface CheckoutState {
  step: CheckoutStep;
  quote: Quote | null;
  quoting: boolean;
  /** Why the customer is looking at the quote again ("Your cart changed: please check it again."). */
  notice: string | null;
  receive: ReceiveChoice;
  details: Details;
  /** What is wrong with each field, in words, after a "Place order" that could not be sent. */
  fieldErrors: Partial<Record<DetailsField, string>>;
  placing: boolean;
  order: Order | null;
  printing: boolean;
  error: string | null;
}

export interface CheckoutActions {
  /** Opens checkout for the cart as it is now: a fresh quote. */
  open(): Promise<boolean>;
  /** Prices the cart again (after it changed, or after a failed quote). */
  requote(): Promise<boolean>;
  /** From the quote to "How to receive it" (only when something can be ordered). */
  continueToReceive(): void;
  /** One step back: the quote from "How to receive it", the order from its receipt. */
  back(): void;
  chooseReceive(choice: ReceiveChoice): void;
  setField(field: DetailsField, value: string): void;
  /** Resolves true when the order is placed (or was already, for this attempt). */
  place(): Promise<boolean>;
  /** An `order-changed` event: the order on screen, if it is this one. */
  receiveOrder(order: Order): void;
  showReceipt(): void;
  printReceipt(): Promise<void>;
  dismissError(): void;
  reset(): void;
}

export type CheckoutStore = CheckoutState & CheckoutActions;

export const emptyDetails: Details = { name: "", phone: "", recipient: "", area: "", street: "", notes: "" };

export const initialCheckoutState: CheckoutState = {
  step: "review",
  quote: null,
  quoting: false,
  notice: null,
  receive: { type: "collection" },
  details: emptyDetails,
  fieldErrors: {},
  placing: false,
  order: null,
  printing: false,
  error: null,
};

export const cartChangedNotice = "Your cart changed: please check it again.";
const checkFields = "Please check the details marked below.";

export interface CheckoutStoreDeps {
  api: KioskApi;
  /** A new idempotency key (crypto.randomUUID in the page). */
  newKey?: () => string;
  /** The browser's print, for a receipt the main process did not print itself. */
  print?: () => void;
}

type PlaceInput = RequestInput<"order-place">;

/**
 * The customer's choices as the contract's input, or what is wrong with them field by field. The
 * rules are the contract's own schemas and src-shared's delivery rule, so the screen refuses
 * exactly what placing would.
 */
export function placeInput(
  receive: ReceiveChoice,
  details: Details,
): { input: Omit<PlaceInput, "fingerprint" | "idempotency_key"> } | { errors: CheckoutState["fieldErrors"] } {
  const errors: CheckoutState["fieldErrors"] = {};
  const note = (field: string, message: string) => {
    if ((detailsFields as readonly string[]).includes(field)) errors[field as DetailsField] ??= message;
  };
  const contact = ContactInputSchema.safeParse({ name: details.name, phone: details.phone });
  if (!contact.success) for (const issue of contact.error.issues) note(String(issue.path[0]), issue.message);
  if (receive.type === "collection") {
    if (!contact.success) return { errors };
    return { input: { fulfilment: { type: "collection" }, contact: withoutEmpty(contact.data) } };
  }
  const address = AddressInputSchema.safeParse({
    recipient: details.recipient,
    area: details.area,
    street: details.street,
    notes: details.notes,
  });
  if (!address.success) for (const issue of address.error.issues) note(String(issue.path[0]), issue.message);
  if (contact.success && address.success) {
    const problems = deliveryProblems(contact.data, address.data);
    if (problems.phone) note("phone", problems.phone);
    if (problems.recipient) note("recipient", problems.recipient);
  }
  if (!contact.success || !address.success || Object.keys(errors).length > 0) return { errors };
  return {
    input: {
      fulfilment: { type: "delivery", option_id: receive.optionId, address: withoutEmpty(address.data) },
      contact: withoutEmpty(contact.data),
    },
  };
}

function withoutEmpty<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function codeOf(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string"
    ? (error as { code: string }).code
    : undefined;
}

export function createCheckoutStore({
  api,
  newKey = () => crypto.randomUUID(),
  print = () => window.print(),
}: CheckoutStoreDeps): StoreApi<CheckoutStore> {
  /** Bumped by reset(): an answer for the previous customer's checkout must not land in the next one's. */
  let generation = 0;
  /** The idempotency key of the attempt in progress, from its first "Place order" until it is settled. */
  let attemptKey: string | null = null;
  let quoteSeq = 0;

  return createStore<CheckoutStore>()((set, get) => {
    /** The shop's first delivery option when it does not collect, else collection. */
    const defaultReceive = (quote: Quote): ReceiveChoice => {
      const first = quote.fulfilment.delivery[0];
      return !quote.fulfilment.collection && first
        ? { type: "delivery", optionId: first.id }
        : { type: "collection" };
    };

    const requote = async (): Promise<boolean> => {
      const seq = ++quoteSeq;
      const at = generation;
      set({ quoting: true, error: null });
      try {
        const fresh = await api.request("checkout-quote", {});
        if (at !== generation || seq !== quoteSeq) return false;
        const { receive } = get();
        // A delivery option the shop no longer offers falls back to the default.
        const stillOffered =
          receive.type === "collection"
            ? fresh.fulfilment.collection
            : fresh.fulfilment.delivery.some((o) => o.id === receive.optionId);
        set({ quote: fresh, quoting: false, ...(stillOffered ? {} : { receive: defaultReceive(fresh) }) });
        return true;
      } catch (error) {
        if (at === generation && seq === quoteSeq) set({ quoting: false, error: errorMessage(error) });
        return false;
      }
    };

    return {
      ...initialCheckoutState,

      async open() {
        // A checkout left half-way (back to the cart to change something) keeps the customer's
        // choices; an order already placed means this is a new checkout.
        if (get().order) get().reset();
        attemptKey = null;
        set({ step: "review", notice: null, error: null, fieldErrors: {} });
        return requote();
      },

      requote,

      continueToReceive() {
        if (get().quote?.orderable) set({ step: "receive", notice: null, error: null });
      },

      back() {
        const { step } = get();
        if (step === "receive") set({ step: "review", error: null });
        else if (step === "receipt") set({ step: "confirmation" });
      },

      chooseReceive(receive) {
        set({ receive, fieldErrors: {}, error: null });
      },

      setField(field, value) {
        const { [field]: _fixed, ...otherErrors } = get().fieldErrors;
        set({ details: { ...get().details, [field]: value }, fieldErrors: otherErrors });
      },

      async place() {
        const { quote: reviewed, placing, receive, details } = get();
        if (placing || !reviewed) return false;
        const checked = placeInput(receive, details);
        if ("errors" in checked) {
          set({ fieldErrors: checked.errors, error: checkFields });
          return false;
        }
        const at = generation;
        const key = (attemptKey ??= newKey());
        set({ placing: true, error: null, fieldErrors: {} });
        try {
          const { order } = await api.request("order-place", {
            ...checked.input,
            fingerprint: reviewed.fingerprint,
            idempotency_key: key,
          });
          if (at !== generation) return false;
          attemptKey = null;
          set({ placing: false, order, step: "confirmation" });
          return true;
        } catch (error) {
          if (at !== generation) return false;
          const code = codeOf(error);
          if (code === "cart_changed" || code === "not_allowed") {
            // Nothing was written: a new quote is a new attempt, with a new key.
            attemptKey = null;
            set({
              placing: false,
              step: "review",
              notice: code === "cart_changed" ? cartChangedNotice : errorMessage(error),
            });
            await requote();
            return false;
          }
          // "Unavailable" may have written the order: the next tap retries with the same key.
          set({ placing: false, error: errorMessage(error) });
          return false;
        }
      },

      receiveOrder(order) {
        if (get().order?.order_id === order.order_id) set({ order });
      },

      showReceipt() {
        if (get().order) set({ step: "receipt" });
      },

      async printReceipt() {
        const { order, printing } = get();
        if (!order || printing) return;
        set({ printing: true, error: null });
        try {
          const { printed } = await api.request("receipt-print", { order_id: order.order_id });
          if (!printed) print();
        } catch (error) {
          set({ error: errorMessage(error) });
        } finally {
          set({ printing: false });
        }
      },

      dismissError() {
        set({ error: null });
      },

      reset() {
        generation++;
        quoteSeq++;
        attemptKey = null;
        set(initialCheckoutState);
      },
    };
  });
}
