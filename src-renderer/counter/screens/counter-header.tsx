import { useState, type FormEvent } from "react";
import { SearchIcon } from "../../components/icons.js";
import type { CounterView } from "../stores/view-store.js";
import { useCounterStores, useStaff, useView } from "../stores/counter-context.js";

const roleLabels = { cashier: "Cashier", manager: "Manager" } as const;

/**
 * The bar at the top of every signed-in screen: the shop, one search box for an order number, a
 * scanned QR code or a cart reference, the views, who is signed in, and "Sign out".
 */
export function CounterHeader() {
  const stores = useCounterStores();
  const staff = useStaff((s) => s.staff);
  const storeName = useStaff((s) => s.storeInfo?.name);
  const view = useView((s) => s.view);
  const [query, setQuery] = useState("");
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!query.trim() || busy) return;
    setBusy(true);
    const found = await stores.find(query);
    setBusy(false);
    if (found) setQuery("");
  }

  const views: Array<{ id: CounterView; label: string; managerOnly?: boolean }> = [
    { id: "queue", label: "Orders" },
    { id: "cart", label: "Customer cart" },
    { id: "report", label: "Today", managerOnly: true },
    { id: "fleet", label: "Kiosks" },
  ];

  return (
    <header className="counter-header">
      <p className="counter-header__brand">
        {storeName ?? "Shop"} <span className="muted">· Counter</span>
      </p>
      <form className="counter-search" role="search" onSubmit={(e) => void submit(e)}>
        <label className="visually-hidden" htmlFor="counter-find">
          Order number, QR code or cart reference
        </label>
        <input
          id="counter-find"
          type="search"
          className="field__input counter-search__input"
          placeholder="K-042, QR or cart ref."
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="submit" className="button button--secondary" aria-busy={busy || undefined}>
          <SearchIcon size={18} />
          Find
        </button>
      </form>
      <nav aria-label="Counter">
        <ul className="counter-nav">
          {views
            .filter((v) => !v.managerOnly || staff?.role === "manager")
            .map((v) => (
              <li key={v.id}>
                <button
                  type="button"
                  className="counter-nav__button"
                  aria-current={view === v.id ? "page" : undefined}
                  onClick={() => stores.view.getState().go(v.id)}
                >
                  {v.label}
                </button>
              </li>
            ))}
        </ul>
      </nav>
      {staff && (
        <p className="counter-header__staff">
          <strong>{staff.name}</strong>{" "}
          <span className="muted">
            {roleLabels[staff.role]} · {staff.terminal}
          </span>
        </p>
      )}
      <button
        type="button"
        className="button button--quiet"
        onClick={() => void stores.staff.getState().signOut()}
      >
        Sign out
      </button>
    </header>
  );
}
