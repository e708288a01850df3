import { useKiosk, useStores } from "../../stores/stores-context.js";
import { ErrorNote } from "../../components/error-note.js";
import { ChatIcon, CartIcon, GridIcon } from "../../components/icons.js";

/** Shown between customers. The button starts; so does a touch anywhere on the screen. */
export function WelcomeScreen() {
  const { kiosk } = useStores();
  const storeName = useKiosk((s) => s.storeInfo?.name ?? "");
  const starting = useKiosk((s) => s.starting);
  const error = useKiosk((s) => s.error);
  const start = () => void kiosk.getState().start();

  return (
    <main className="welcome" onClick={start}>
      <div className="welcome__content">
        <p className="welcome__store">{storeName}</p>
        <h1 className="welcome__title">Hello! Let&apos;s find what you need.</h1>
        <p className="welcome__lead">
          Tell our assistant what you are looking for, browse the shelves on screen, and pay at the counter.
        </p>
        <ul className="welcome__steps">
          <li>
            <ChatIcon size={36} />
            <span>Ask in your own words</span>
          </li>
          <li>
            <GridIcon size={36} />
            <span>Browse and choose options</span>
          </li>
          <li>
            <CartIcon size={36} />
            <span>Pay at the counter</span>
          </li>
        </ul>
        <button
          type="button"
          className="button button--primary button--hero"
          aria-busy={starting || undefined}
          onClick={(e) => {
            e.stopPropagation();
            start();
          }}
        >
          Start
        </button>
        <p className="welcome__hint" aria-hidden="true">
          Touch anywhere to begin
        </p>
        <ErrorNote message={error} />
      </div>
    </main>
  );
}
