import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The renderer: one build served by `npm run web` and loaded by the Electron window.
export default defineConfig({
  root: "src-renderer",
  base: "./",
  plugins: [react()],
  build: { outDir: "../dist/renderer", emptyOutDir: true, sourcemap: true },
});
