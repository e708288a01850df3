import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { AppError } from "../../../src-shared/errors.js";
import { FakeKioskApi } from "../../test-support/fake-kiosk-api.js";
import { appStatus, orderOf, quoteOf, sessionA, sessionB, sessionInfo } from "../../test-support/fixtures.js";
import { bootedStores, renderWithStores } from "../../test-support/render.js";
import { CheckoutScreen } from "./checkout-screen.js";

async function openCheckout(api: FakeKioskApi) {
  const { stores } = await bootedStores(api, sessionA);
  stores.nav.getState().go({ name: "checkout" });
  renderWithStores(<CheckoutScreen />, stores);
  await screen.findByRole("heading", { name: "Check your order" });
  return stores;
}

describe("checkout screen", () => {
  it("says in plain words what changed, and marks what cannot be ordered", async () => {
    const api = new FakeKioskApi({
      "checkout-quote": () =>
        quoteOf({
          changes: [
            {
              item_id: "42_abc",
              kind: "price_up",
              message: "Balloon Bouquet now costs UGX 60,000 (it was UGX 50,000 when added).",
            },
            {
              item_id: "77_x",
              kind: "sold_out",
              message: "Party Hats is sold out, so it cannot be ordered.",
            },
          ],
        }),
    });
    await openCheckout(api);
    const changes = await screen.findByRole("region", { name: "What changed since you added these" });
    expect(within(changes).getByText(/now costs UGX 60,000/)).toBeTruthy();
    expect(within(changes).getByText("Cannot be ordered")).toBeTruthy();
    const lines = screen.getByRole("list", { name: "Items in your order" });
    expect(within(lines).getByText("Price went up")).toBeTruthy();
  });

  it("collects at the counter by default, places, then shows the number, its QR code, what to pay and live status", async () => {
    const api = new FakeKioskApi({
      "checkout-quote": () => quoteOf(),
      "order-place": () => ({ order: orderOf(), created: true }),
    });
    const stores = await openCheckout(api);
    await userEvent.click(await screen.findByRole("button", { name: "Continue" }));
    expect((screen.getByRole("radio", { name: /Collect at the counter/ }) as HTMLInputElement).checked).toBe(
      true,
    );
    await userEvent.click(screen.getByRole("button", { name: "Place order" }));
    expect(await screen.findByText("K-042")).toBeTruthy();
    expect(screen.getByRole("img", { name: "QR code of order K-042" })).toBeTruthy();
    expect(screen.getByText("Pay UGX 120,000 at the counter")).toBeTruthy();
    expect(screen.getByRole("status").textContent).toContain("Placed");

    act(() => api.emit("order-changed", { order: orderOf({ status: "paid" }) }));
    expect(screen.getByRole("status").textContent).toContain("Paid");
    expect(stores.checkout.getState().order?.status).toBe("paid");
  });

  it("delivery: the option's charge is in the total, the form is typed with the on-screen keyboard, problems are named", async () => {
    const api = new FakeKioskApi({
      "checkout-quote": () => quoteOf(),
      "order-place": () => ({ order: orderOf(), created: true }),
    });
    await openCheckout(api);
    await userEvent.click(await screen.findByRole("button", { name: "Continue" }));
    await userEvent.click(screen.getByRole("radio", { name: /Kampala central, same day/ }));
    expect(screen.getByText("UGX 130,000")).toBeTruthy();

    await userEvent.click(screen.getByRole("button", { name: "Place order" }));
    expect(screen.getByText("Please check the details marked below.")).toBeTruthy();
    expect(screen.getByText("enter the area (e.g. Kololo)")).toBeTruthy();
    expect(api.callsTo("order-place")).toEqual([]);

    await userEvent.click(screen.getByRole("textbox", { name: "Phone number" }));
    const keypad = screen.getByRole("group", { name: "Keyboard for phone number" });
    for (const key of ["+", "2", "5", "6", "7", "0", "1", "6", "1", "8", "5", "7", "6"]) {
      await userEvent.click(within(keypad).getByRole("button", { name: key }));
    }
    expect((screen.getByRole("textbox", { name: "Phone number" }) as HTMLInputElement).value).toBe(
      "+256701618576",
    );
    await userEvent.type(screen.getByRole("textbox", { name: "Your name" }), "Nakato");
    await userEvent.type(screen.getByRole("textbox", { name: "Area" }), "Kololo");
    await userEvent.type(screen.getByRole("textbox", { name: "Street or landmark" }), "Acacia Avenue");
    await userEvent.click(screen.getByRole("button", { name: "Place order" }));
    await screen.findByText("K-042");
    expect(api.callsTo("order-place")[0]).toMatchObject({
      fulfilment: { type: "delivery", option_id: "kampala-central" },
      contact: { name: "Nakato", phone: "+256701618576" },
    });
  });

  it("Redis down: says so and keeps the customer on the form with the cart untouched", async () => {
    const api = new FakeKioskApi({
      "checkout-quote": () => quoteOf(),
      "order-place": () => {
        throw new AppError(
          "cart_unavailable",
          "The cart service is unavailable right now. Please try again.",
        );
      },
    });
    await openCheckout(api);
    await userEvent.click(await screen.findByRole("button", { name: "Continue" }));
    await userEvent.click(screen.getByRole("button", { name: "Place order" }));
    expect(await screen.findByRole("alert")).toHaveProperty(
      "textContent",
      expect.stringContaining("unavailable") as unknown as string,
    );
    expect(screen.getByRole("button", { name: "Place order" })).toBeTruthy();
    expect(api.callsTo("cart-clear")).toEqual([]);
  });

  it("the receipt is dated on the shop's clock", async () => {
    const api = new FakeKioskApi({
      "checkout-quote": () => quoteOf(),
      "order-place": () => ({ order: orderOf(), created: true }),
    });
    await openCheckout(api);
    await userEvent.click(await screen.findByRole("button", { name: "Continue" }));
    await userEvent.click(screen.getByRole("button", { name: "Place order" }));
    await userEvent.click(await screen.findByRole("button", { name: "Receipt" }));
    const receipt = screen.getByRole("article", { name: "Receipt K-042" });
    // 22:30 UTC is 01:30 the next day in Kampala.
    expect(within(receipt).getByText("Dec 4, 2026, 01:30")).toBeTruthy();
    expect(within(receipt).getByText("Kampala Party & Gifts")).toBeTruthy();
    expect(within(receipt).getByText(/Not paid yet/)).toBeTruthy();
  });

  it("starts over by itself checkout_start_over_seconds after the order is paid, and focuses each step's heading", async () => {
    const api = new FakeKioskApi({
      "app-status": () => appStatus({ session_id: sessionA }, { checkout_start_over_seconds: 1 }),
      "checkout-quote": () => quoteOf(),
      "order-place": () => ({ order: orderOf(), created: true }),
      "session-start": () => sessionInfo(sessionB),
    });
    const stores = await openCheckout(api);
    await userEvent.click(await screen.findByRole("button", { name: "Continue" }));
    expect(document.activeElement?.textContent).toBe("How would you like to receive it?");
    await userEvent.click(screen.getByRole("button", { name: "Place order" }));
    await screen.findByText("K-042");
    expect(document.activeElement?.textContent).toContain("K-042");
    act(() => api.emit("order-changed", { order: orderOf({ status: "paid" }) }));
    expect(stores.nav.getState().screen).toEqual({ name: "checkout" });
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(stores.nav.getState().screen).toEqual({ name: "welcome" });
    expect(stores.kiosk.getState().sessionId).toBe(sessionB);
    expect(stores.checkout.getState().order).toBeNull();
  });
});
