// Builds everything `npm run web`, `npm run electron`, `kioskctl` and the packager need:
// the renderer with Vite, and the Node entry points (web server, CLI, Electron main and preload)
// with esbuild. Node modules stay external; the sandboxed preload is bundled as CommonJS.
import { build as esbuild } from "esbuild";
import { existsSync } from "node:fs";
import { build as viteBuild } from "vite";

const nodeEntries = [
  { in: "src-main/server/web-main.ts", out: "dist/server/web.mjs" },
  { in: "src-main/cli/kioskctl.ts", out: "dist/cli/kioskctl.mjs" },
  { in: "src-main/electron/main.ts", out: "dist/electron/main.mjs" },
].filter((entry) => existsSync(entry.in));

for (const entry of nodeEntries) {
  await esbuild({
    entryPoints: [entry.in],
    outfile: entry.out,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: true,
    logLevel: "warning",
    // Lets bundled ESM code that esbuild turned from CommonJS call require().
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
}

// The kiosk window's preload and the counter window's (APP_ROLE=counter), each exposing its own contract.
for (const [source, out] of [
  ["src-main/electron/preload.ts", "dist/electron/preload.cjs"],
  ["src-main/electron/counter-preload.ts", "dist/electron/counter-preload.cjs"],
].filter(([source]) => existsSync(source))) {
  await esbuild({
    entryPoints: [source],
    outfile: out,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: ["electron"],
    // The sandboxed preload cannot require node_modules, so zod (the contract) is bundled: minify it.
    minify: true,
    logLevel: "warning",
  });
}

if (existsSync("src-renderer/index.html")) {
  await viteBuild({ configFile: "vite.config.ts", logLevel: "warn" });
}
console.log(
  `built ${nodeEntries.length} node entries${existsSync("src-renderer/index.html") ? " and the renderer" : ""}`,
);
