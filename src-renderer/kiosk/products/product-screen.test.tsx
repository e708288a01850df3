import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { AppError } from "../../../src-shared/errors.js";
import { anOperationId, appStatus, cartOf, line, sessionA, tshirt } from "../../test-support/fixtures.js";
import { bootedStores, renderWithStores } from "../../test-support/render.js";
import { ProductScreen } from "./product-screen.js";

describe("product page", () => {
  it("shows options, disables sold-out values, and adds the chosen variant with its quantity", async () => {
    const { stores, api } = await bootedStores(
      {
        "catalog-product": () => tshirt,
        "cart-add": ({ quantity }) =>
          cartOf(sessionA, [
            line({
              item_id: "81_m",
              name: "Birthday T-Shirt",
              price: 30000,
              quantity,
              configuration: { size: "M" },
            }),
          ]),
      },
      sessionA,
    );
    renderWithStores(<ProductScreen productId="81" />, stores);

    expect(await screen.findByRole("heading", { name: "Birthday T-Shirt" })).toBeTruthy();
    expect(screen.getByText("UGX 30,000")).toBeTruthy();
    const xl = screen.getByRole("radio", { name: /XL/ }) as HTMLInputElement;
    expect(xl.disabled).toBe(true);
    expect(screen.getByText(/sold out/)).toBeTruthy();

    await userEvent.click(screen.getByRole("radio", { name: "M" }));
    await userEvent.click(screen.getByRole("button", { name: "Increase quantity of Birthday T-Shirt" }));
    await userEvent.click(screen.getByRole("button", { name: "Add to cart" }));

    expect(api.callsTo("cart-add")).toEqual([
      { product_id: "81", quantity: 2, options: { size: "M", colour: "White" }, operation_id: anOperationId },
    ]);
    expect(
      await screen.findByText("Added 2 × Birthday T-Shirt (Size: M, Colour: White) to your cart."),
    ).toBeTruthy();
    expect(stores.cart.getState().itemCount).toBe(2);
  });

  it("updates the price with the chosen variant", async () => {
    const pricey = {
      ...tshirt,
      variants: tshirt.variants.map((v) => (v.id === "81-xl-white" ? { ...v, available: true } : v)),
    };
    const { stores } = await bootedStores({ "catalog-product": () => pricey }, sessionA);
    renderWithStores(<ProductScreen productId="81" />, stores);
    await screen.findByRole("heading", { name: "Birthday T-Shirt" });
    await userEvent.click(screen.getByRole("radio", { name: "XL" }));
    expect(screen.getByText("UGX 35,000")).toBeTruthy();
  });

  it("says why an add failed and keeps the cart as it was", async () => {
    const { stores } = await bootedStores(
      {
        "catalog-product": () => tshirt,
        "cart-add": () => {
          throw new AppError("sold_out", "Sorry, Birthday T-Shirt in M, White is sold out.");
        },
      },
      sessionA,
    );
    renderWithStores(<ProductScreen productId="81" />, stores);
    await screen.findByRole("heading", { name: "Birthday T-Shirt" });
    await userEvent.click(screen.getByRole("button", { name: "Add to cart" }));
    expect((await screen.findByRole("alert")).textContent).toContain(
      "Sorry, Birthday T-Shirt in M, White is sold out.",
    );
    expect(stores.cart.getState().itemCount).toBe(0);
  });

  it("lets the quantity go up to the shop's per-line maximum and no further", async () => {
    const { stores } = await bootedStores(
      {
        "app-status": () => appStatus({ session_id: sessionA }, { max_quantity_per_line: 2 }),
        "catalog-product": () => tshirt,
      },
      sessionA,
    );
    renderWithStores(<ProductScreen productId="81" />, stores);
    const increase = (await screen.findByRole("button", {
      name: "Increase quantity of Birthday T-Shirt",
    })) as HTMLButtonElement;
    expect(increase.disabled).toBe(false);
    await userEvent.click(increase);
    expect(screen.getByRole("status", { name: "Quantity: 2" })).toBeTruthy();
    expect(increase.disabled).toBe(true);
  });
});
