import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const page = (name: string) => fileURLToPath(new URL(`./src-renderer/${name}`, import.meta.url));

// The renderer: one build served by `npm run web` and loaded by the Electron window. Two pages:
// the kiosk (index.html) and the counter terminal (counter.html, served at /counter).
export default defineConfig({
  root: "src-renderer",
  base: "./",
  plugins: [react()],
  build: {
    outDir: "../dist/renderer",
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: { input: { index: page("index.html"), counter: page("counter.html") } },
  },
});
