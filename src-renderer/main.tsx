import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./kiosk/app.js";
import { StoresProvider } from "./stores/stores-context.js";
import { readUiOverrides } from "./kiosk/ui-overrides.js";
import { createStores } from "./stores/create-stores.js";
import { createKioskApi } from "./transport/index.js";
import "./styles/kiosk.css";

const stores = createStores(createKioskApi(), { overrides: readUiOverrides(window.location.search) });

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <StoresProvider stores={stores}>
      <App />
    </StoresProvider>
  </StrictMode>,
);

void stores.kiosk.getState().boot();
