import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { CartAction } from "../../../src-shared/assistant.js";
import type { Cart } from "../../../src-shared/cart.js";
import { deferred } from "../../test-support/fake-kiosk-api.js";
import {
  addedReply,
  anOperationId,
  bouquetLine,
  cartOf,
  line,
  sessionA,
} from "../../test-support/fixtures.js";
import { bootedStores, renderWithStores } from "../../test-support/render.js";
import { ActionCard } from "./action-card.js";

function cartAction(type: CartAction["type"], cart: Cart, item?: CartAction["item"]): CartAction {
  return {
    type,
    cart_items: cart.items,
    cart_total: cart.cart_total,
    item_count: cart.item_count,
    currency: cart.currency,
    ...(item ? { item } : {}),
  };
}

describe("action cards", () => {
  it("an item_added card says what was added, how many, the price, and leads to the cart and checkout", async () => {
    const { stores } = await bootedStores({}, sessionA);
    const action = addedReply(cartOf(sessionA, [bouquetLine(2)])).metadata.action!;
    renderWithStores(<ActionCard action={action} />, stores);

    const card = screen.getByRole("region", { name: "Added to cart" });
    expect(within(card).getByText("Balloon Bouquet")).toBeTruthy();
    expect(within(card).getByText("2")).toBeTruthy();
    expect(within(card).getByText("UGX 60,000 each")).toBeTruthy();
    expect(within(card).getByText("UGX 120,000", { selector: "dd" })).toBeTruthy();

    await userEvent.click(within(card).getByRole("button", { name: "View Cart" }));
    expect(stores.nav.getState().screen).toEqual({ name: "cart" });
    await userEvent.click(within(card).getByRole("button", { name: "Checkout Now" }));
    expect(stores.nav.getState().screen).toEqual({ name: "checkout" });
  });

  it("a checkout_offered card opens the Checkout screen, and only leads to products when the cart is empty", async () => {
    const { stores } = await bootedStores({}, sessionA);
    const { unmount } = renderWithStores(
      <ActionCard action={cartAction("checkout_offered", cartOf(sessionA, [bouquetLine(2)]))} />,
      stores,
    );
    const card = screen.getByRole("region", { name: "Check out" });
    expect(within(card).getByText("UGX 120,000")).toBeTruthy();
    await userEvent.click(within(card).getByRole("button", { name: "Check out" }));
    expect(stores.nav.getState().screen).toEqual({ name: "checkout" });
    unmount();

    renderWithStores(<ActionCard action={cartAction("checkout_offered", cartOf(sessionA, []))} />, stores);
    const empty = screen.getByRole("region", { name: "Check out" });
    expect(within(empty).queryByRole("button", { name: "Check out" })).toBeNull();
    expect(within(empty).getByRole("button", { name: "Browse products" })).toBeTruthy();
  });

  it("has cards for a removal, a quantity change and a cleared cart", async () => {
    const { stores } = await bootedStores({}, sessionA);
    const remaining = cartOf(sessionA, [line({ item_id: "12_x", name: "Sunflower Bunch", price: 40000 })]);
    const removed = {
      item_id: "42_abc",
      name: "Balloon Bouquet",
      quantity: 2,
      price: 60000,
      configuration: {},
    };
    const changed = cartOf(sessionA, [bouquetLine(3)]);
    renderWithStores(
      <>
        <ActionCard action={cartAction("item_removed", remaining, removed)} />
        <ActionCard action={cartAction("quantity_updated", changed, { ...removed, quantity: 3 })} />
        <ActionCard action={cartAction("cart_cleared", cartOf(sessionA, []))} />
      </>,
      stores,
    );
    const removal = screen.getByRole("region", { name: "Removed from cart" });
    expect(within(removal).getByText("Balloon Bouquet")).toBeTruthy();
    expect(within(removal).getByText(/1 item, total/)).toBeTruthy();
    const quantity = screen.getByRole("region", { name: "Quantity changed" });
    expect(within(quantity).getByText("UGX 180,000", { selector: "dd" })).toBeTruthy();
    const cleared = screen.getByRole("region", { name: "Cart cleared" });
    expect(within(cleared).queryByRole("button", { name: "Checkout Now" })).toBeNull();
  });

  it("product cards add a product without options once, however often it is tapped", async () => {
    const answer = deferred<Cart>();
    const { stores, api } = await bootedStores({ "cart-add": () => answer.promise }, sessionA);
    renderWithStores(
      <ActionCard
        action={{
          type: "products_found",
          currency: "UGX",
          products: [
            {
              id: "42",
              name: "Balloon Bouquet",
              category: "5",
              image_url: "/catalog-images/b.svg",
              price: 60000,
              available: true,
              has_options: false,
            },
            {
              id: "81",
              name: "Birthday T-Shirt",
              category: "8",
              image_url: "/catalog-images/t.svg",
              price: 30000,
              available: true,
              has_options: true,
            },
          ],
        }}
      />,
      stores,
    );
    const bouquet = screen.getByRole("article", { name: "Balloon Bouquet" });
    expect(within(bouquet).getByText("UGX 60,000")).toBeTruthy();
    const add = within(bouquet).getByRole("button", { name: "Add Balloon Bouquet" });
    await userEvent.click(add);
    await userEvent.click(add);
    expect(api.callsTo("cart-add")).toEqual([
      { product_id: "42", quantity: 1, options: {}, operation_id: anOperationId },
    ]);
    expect(add.textContent).toBe("Adding…");
    answer.resolve(cartOf(sessionA, [bouquetLine(1)]));
    expect(await within(bouquet).findByText("Added ✓")).toBeTruthy();
    expect(stores.cart.getState().itemCount).toBe(1);

    // A product with options cannot be added blind: its card opens the product page.
    await userEvent.click(screen.getByRole("button", { name: "Choose options for Birthday T-Shirt" }));
    expect(stores.nav.getState().screen).toEqual({ name: "product", productId: "81" });
  });
});
