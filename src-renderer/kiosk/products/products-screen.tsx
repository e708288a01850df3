import { useEffect, useId, useState } from "react";
import { useShopFormat } from "../../components/format.js";
import { useCatalog, useStores } from "../../stores/stores-context.js";
import { ErrorNote } from "../../components/error-note.js";
import { SearchIcon } from "../../components/icons.js";
import { OnScreenKeyboard } from "../components/on-screen-keyboard.js";

export function ProductsScreen() {
  const { catalog } = useStores();
  const categories = useCatalog((s) => s.categories);
  const category = useCatalog((s) => s.category);
  const query = useCatalog((s) => s.query);
  const error = useCatalog((s) => s.error);
  const [keyboardOpen, setKeyboardOpen] = useState(false);
  const searchId = useId();

  useEffect(() => {
    const state = catalog.getState();
    if (state.categories.length === 0) void state.loadCategories();
    if (!state.searched) void state.search();
  }, [catalog]);

  const setQuery = (value: string) => void catalog.getState().setQuery(value);

  return (
    <div className="products-screen">
      <div className="screen-heading">
        <h1>Products</h1>
      </div>
      <div className="search">
        <label htmlFor={searchId} className="visually-hidden">
          Search products
        </label>
        <SearchIcon />
        <input
          id={searchId}
          className="search__input"
          type="search"
          autoComplete="off"
          enterKeyHint="search"
          placeholder="Search products"
          value={query}
          maxLength={200}
          onFocus={() => setKeyboardOpen(true)}
          onChange={(e) => setQuery(e.target.value)}
        />
        {query && (
          <button type="button" className="button button--quiet" onClick={() => setQuery("")}>
            Clear
          </button>
        )}
      </div>
      {keyboardOpen && (
        <div className="products-screen__keyboard">
          <OnScreenKeyboard
            label="Keyboard for the search"
            value={query}
            onChange={setQuery}
            enterLabel="Done"
            onEnter={() => setKeyboardOpen(false)}
            maxLength={200}
          />
        </div>
      )}
      <div className="categories" role="group" aria-label="Categories">
        <button
          type="button"
          className="chip"
          aria-pressed={category === null}
          onClick={() => void catalog.getState().setCategory(null)}
        >
          All
        </button>
        {categories.map((c) => (
          <button
            key={c.id}
            type="button"
            className="chip"
            aria-pressed={category === c.id}
            onClick={() => void catalog.getState().setCategory(c.id)}
          >
            {c.name}
          </button>
        ))}
      </div>
      <ErrorNote message={error} />
      <ProductGrid />
    </div>
  );
}

function ProductGrid() {
  const { nav } = useStores();
  const products = useCatalog((s) => s.products);
  const searched = useCatalog((s) => s.searched);
  const searching = useCatalog((s) => s.searching);
  const query = useCatalog((s) => s.query);
  const { money } = useShopFormat();

  if (searched && products.length === 0) {
    return (
      <p className="empty" role="status">
        {query
          ? `Nothing matches “${query}”. Try another word, or ask the assistant.`
          : "No products here yet."}
      </p>
    );
  }
  return (
    <ul className="product-grid" aria-label="Products" aria-busy={searching || undefined}>
      {products.map((p) => (
        <li key={p.id}>
          <button
            type="button"
            className="product-tile"
            onClick={() => nav.getState().go({ name: "product", productId: p.id })}
          >
            <img className="product-tile__image" src={p.image_url} alt="" loading="lazy" />
            <span className="product-tile__name">{p.name}</span>
            <span className="product-tile__price">
              {p.has_options && <span className="muted">From </span>}
              {money(p.price)}
            </span>
            {!p.available && <span className="tag tag--sold-out">Sold out</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
