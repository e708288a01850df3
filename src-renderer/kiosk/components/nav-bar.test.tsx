import { act, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { bouquetLine, cartOf, line, sessionA } from "../../test-support/fixtures.js";
import { bootedStores, renderWithStores } from "../../test-support/render.js";
import { NavBar } from "./nav-bar.js";

describe("navigation bar", () => {
  it("names the cart button with its item count and shows a badge once there is something in it", async () => {
    const { stores, api } = await bootedStores({}, sessionA);
    renderWithStores(<NavBar />, stores);
    expect(screen.getByRole("button", { name: "Cart, 0 items" })).toBeTruthy();
    expect(screen.queryByTestId("cart-badge")).toBeNull();

    act(() => api.emit("cart-changed", { session_id: sessionA, cart: cartOf(sessionA, [bouquetLine(1)]) }));
    expect(screen.getByRole("button", { name: "Cart, 1 item" })).toBeTruthy();
    expect(screen.getByTestId("cart-badge").textContent).toBe("1");

    const two = cartOf(sessionA, [bouquetLine(1), line({ item_id: "12_x", name: "Sunflower Bunch" })]);
    act(() => api.emit("cart-changed", { session_id: sessionA, cart: two }));
    expect(screen.getByRole("button", { name: "Cart, 2 items" })).toBeTruthy();
    expect(screen.getByTestId("cart-badge").textContent).toBe("2");
  });

  it("marks the current screen", async () => {
    const { stores } = await bootedStores({}, sessionA);
    act(() => stores.nav.getState().go({ name: "product", productId: "42" }));
    renderWithStores(<NavBar />, stores);
    expect(screen.getByRole("button", { name: "Products" }).getAttribute("aria-current")).toBe("page");
    expect(screen.getByRole("button", { name: "Assistant" }).getAttribute("aria-current")).toBeNull();
  });
});
