/**
 * The counter's root (served at /counter by `npm run web`, loaded by the counter window when
 * APP_ROLE=counter). A placeholder until the counter's screens (src-renderer/counter/) land:
 * it only proves the entry is built and served.
 */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <main>
      <h1>Counter</h1>
    </main>
  </StrictMode>,
);
