import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Cart } from "../../../src-shared/cart.js";
import { deferred } from "../../test-support/fake-kiosk-api.js";
import {
  anOperationId,
  appStatus,
  bouquetLine,
  cartOf,
  line,
  sessionA,
} from "../../test-support/fixtures.js";
import { bootedStores, renderWithStores } from "../../test-support/render.js";
import { CartScreen } from "./cart-screen.js";

const shirt = line({
  item_id: "81_m",
  name: "Birthday T-Shirt",
  price: 30000,
  quantity: 1,
  configuration: { size: "M", colour: "Blue" },
});

// Intl puts a no-break space between the currency and the amount.
const totalText = () => screen.getByTestId("cart-total").textContent?.replace(/\s/g, " ");

describe("cart page", () => {
  it("lists lines with options, prices and totals, and changes quantities through the main process", async () => {
    const update = deferred<Cart>();
    const { stores, api } = await bootedStores(
      {
        "cart-get": () => cartOf(sessionA, [bouquetLine(2), shirt]),
        "cart-update-quantity": () => update.promise,
        "cart-remove": () => cartOf(sessionA, [bouquetLine(3)]),
      },
      sessionA,
    );
    renderWithStores(<CartScreen />, stores);

    const shirtLine = screen.getByRole("article", { name: "Birthday T-Shirt" });
    expect(within(shirtLine).getByText("Size: M, Colour: Blue")).toBeTruthy();
    expect(within(shirtLine).getByText("UGX 30,000 each")).toBeTruthy();
    expect(totalText()).toBe("UGX 150,000");

    const bouquet = screen.getByRole("article", { name: "Balloon Bouquet" });
    await userEvent.click(
      within(bouquet).getByRole("button", { name: "Increase quantity of Balloon Bouquet" }),
    );
    expect(api.callsTo("cart-update-quantity")).toEqual([
      { item_id: "42_abc", quantity: 3, operation_id: anOperationId },
    ]);
    expect(within(bouquet).getByText("Updating…")).toBeTruthy();
    expect(
      (
        within(bouquet).getByRole("button", {
          name: "Increase quantity of Balloon Bouquet",
        }) as HTMLButtonElement
      ).disabled,
    ).toBe(true);
    update.resolve(cartOf(sessionA, [bouquetLine(3), shirt]));
    expect(await within(bouquet).findByText("UGX 180,000")).toBeTruthy();

    await userEvent.click(within(shirtLine).getByRole("button", { name: "Remove Birthday T-Shirt" }));
    expect(api.callsTo("cart-remove")).toEqual([{ item_id: "81_m", operation_id: anOperationId }]);
    expect(screen.queryByRole("article", { name: "Birthday T-Shirt" })).toBeNull();
    expect(totalText()).toBe("UGX 180,000");
  });

  it("stops each line's stepper at the shop's per-line maximum", async () => {
    const { stores } = await bootedStores(
      {
        "app-status": () => appStatus({ session_id: sessionA }, { max_quantity_per_line: 3 }),
        "cart-get": () => cartOf(sessionA, [bouquetLine(3), shirt]),
      },
      sessionA,
    );
    renderWithStores(<CartScreen />, stores);
    const increase = (name: string) =>
      within(screen.getByRole("article", { name })).getByRole("button", {
        name: `Increase quantity of ${name}`,
      }) as HTMLButtonElement;
    expect(increase("Balloon Bouquet").disabled).toBe(true);
    expect(increase("Birthday T-Shirt").disabled).toBe(false);
  });
});
