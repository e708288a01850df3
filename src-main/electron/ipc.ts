import type { IpcMain, IpcMainInvokeEvent, WebContents } from "electron";
import { ipcEventChannel, ipcRequestChannel } from "../../src-shared/bridge.js";
import { requestChannels, type Result } from "../../src-shared/contract.js";
import type { Logger } from "../infra/logger.js";
import { ConnectionContext } from "../api/connection-context.js";
import type { RequestDispatcher } from "../api/request-dispatcher.js";
import type { ConnectionRegistry } from "../sync/connection-registry.js";
import type { ConnectionStatusMonitor } from "../sync/connection-status.js";
import { isAppUrl } from "./app-protocol.js";
import { printToDevice } from "./receipt-printing.js";

export type WindowContents = Pick<WebContents, "id" | "send" | "isDestroyed" | "once" | "on" | "print">;

/**
 * One connection per app window: its webContents carries the session and receives the events.
 * Events are sent only while the page is alive; a destroyed window leaves the registry at once.
 */
export class WindowConnections {
  private readonly byContentsId = new Map<number, ConnectionContext>();

  constructor(
    private readonly registry: ConnectionRegistry,
    private readonly status: Pick<ConnectionStatusMonitor, "get">,
  ) {}

  attach(contents: WindowContents): ConnectionContext {
    const ctx = new ConnectionContext(this.registry, (event, payload) => {
      if (!contents.isDestroyed()) contents.send(ipcEventChannel(event), payload);
    });
    // A window prints its receipt view silently to the configured printer (RECEIPT_PRINTER).
    ctx.printPage = (deviceName) => printToDevice(contents, deviceName);
    this.byContentsId.set(contents.id, ctx);
    // Each (re)load starts with the current state of Redis and the assistant.
    contents.on("did-finish-load", () => ctx.emit("connection-status", this.status.get()));
    contents.once("destroyed", () => {
      ctx.close();
      this.byContentsId.delete(contents.id);
    });
    return ctx;
  }

  get(contentsId: number): ConnectionContext | undefined {
    return this.byContentsId.get(contentsId);
  }
}

type SenderEvent = Pick<IpcMainInvokeEvent, "sender" | "senderFrame">;

/**
 * Like VS Code's validated IPC: a message counts only if it comes from the main frame (not an
 * iframe) of one of our windows, showing a page of our own `app://kiosk` origin. Anything else is
 * refused before its input is even parsed.
 */
export function isTrustedSender(
  event: SenderEvent,
  connections: { get(contentsId: number): unknown },
): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  if (!isAppUrl(frame.url)) return false;
  return connections.get(event.sender.id) !== undefined;
}

const refused: Result<never> = {
  ok: false,
  error: { code: "forbidden", message: "This request did not come from the kiosk's own page." },
};

export interface IpcWiring {
  ipcMain: Pick<IpcMain, "handle" | "removeHandler">;
  dispatcher: Pick<RequestDispatcher, "dispatch">;
  connections: Pick<WindowConnections, "get">;
  log: Logger;
}

/** One `invoke` handler per request channel of the contract; each answers with a Result envelope. */
export function registerIpcHandlers({ ipcMain, dispatcher, connections, log }: IpcWiring): () => void {
  for (const channel of requestChannels) {
    ipcMain.handle(ipcRequestChannel(channel), async (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event, connections)) {
        log.warn(`electron: refused ${channel} from ${event.senderFrame?.url ?? "a frame that is gone"}`);
        return refused;
      }
      return dispatcher.dispatch(connections.get(event.sender.id)!, channel, input);
    });
  }
  return () => {
    for (const channel of requestChannels) ipcMain.removeHandler(ipcRequestChannel(channel));
  };
}
