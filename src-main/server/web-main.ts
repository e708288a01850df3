/**
 * `npm run web`: the kiosk app in a browser (counter terminals, development, browser tests).
 * Same services, same contract and the same embedded defaults as the desktop app.
 */
import path from "node:path";
import { appRoot, ConfigError, loadConfig } from "../config/config.js";
import { createServices } from "../app/services.js";
import { startWebServer } from "./web-server.js";

async function main(): Promise<void> {
  const config = loadConfig();
  const services = await createServices(config);
  const server = await startWebServer({
    host: config.server.host,
    port: config.server.port,
    allowedOrigins: config.server.allowedOrigins,
    rendererDir: path.join(appRoot, "dist", "renderer"),
    catalog: services.catalog,
    dispatcher: services.dispatcher,
    counter: services.counter,
    registry: services.registry,
    status: services.status,
    log: services.log,
  }).catch(async (error: unknown) => {
    await services.close();
    throw error;
  });
  console.log(`Kiosk assistant ready at ${server.url}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    await server.close();
    await services.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  // Start-up failures are the operator's to fix: say what is wrong, without a stack trace.
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  console.error(`Cannot start the kiosk assistant: ${message}`);
  if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
    console.error("Another program uses that port; set PORT to a free one.");
  }
  process.exit(1);
});
