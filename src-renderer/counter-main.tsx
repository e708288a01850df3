/**
 * The counter's root (served at /counter by `npm run web`, loaded by the counter window when
 * APP_ROLE=counter): builds the counter's stores around its transport and renders the terminal.
 * The kiosk's styles come first: the pieces both screen sets use (buttons, the quantity stepper,
 * banners, dialogs) are styled there; counter.css sets the desk's denser scale and its own screens.
 */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { playArrivalChime } from "./counter/arrival-chime.js";
import { CounterApp } from "./counter/app.js";
import { CounterStoresProvider } from "./counter/stores/counter-context.js";
import { createCounterStores } from "./counter/stores/create-counter-stores.js";
import { createCounterApi } from "./counter/transport/index.js";
import "./styles/kiosk.css";
import "./styles/counter.css";

const stores = createCounterStores(createCounterApi(), { onArrival: () => playArrivalChime() });

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <CounterStoresProvider stores={stores}>
      <CounterApp />
    </CounterStoresProvider>
  </StrictMode>,
);

void stores.staff.getState().boot();
