import type { IpcMain, IpcMainInvokeEvent } from "electron";
import {
  counterIpcEventChannel,
  counterIpcRequestChannel,
  counterRequestChannels,
} from "../../src-shared/counter-contract.js";
import type { Result } from "../../src-shared/contract.js";
import type { Logger } from "../infra/logger.js";
import type { CounterConnection } from "../counter/counter-connection.js";
import type { CounterTerminal } from "../counter/counter-terminal.js";
import type { ConnectionStatusMonitor } from "../sync/connection-status.js";
import { isTrustedSender, type WindowContents } from "./ipc.js";
import { printToDevice } from "./receipt-printing.js";

/** One counter connection per counter window (APP_ROLE=counter), as WindowConnections is for the kiosk's. */
export class CounterWindows {
  private readonly byContentsId = new Map<number, CounterConnection>();

  constructor(
    private readonly counter: Pick<CounterTerminal, "attach" | "detach">,
    private readonly status: Pick<ConnectionStatusMonitor, "get">,
  ) {}

  attach(contents: WindowContents): CounterConnection {
    const connection = this.counter.attach((event, payload) => {
      if (!contents.isDestroyed()) contents.send(counterIpcEventChannel(event), payload);
    });
    connection.printPage = (deviceName) => printToDevice(contents, deviceName);
    this.byContentsId.set(contents.id, connection);
    // A reload is a new page: it starts signed out, with the current connection status.
    contents.on("did-finish-load", () => {
      connection.signOut();
      connection.emit("counter-connection-status", this.status.get());
    });
    contents.once("destroyed", () => {
      this.counter.detach(connection);
      this.byContentsId.delete(contents.id);
    });
    return connection;
  }

  get(contentsId: number): CounterConnection | undefined {
    return this.byContentsId.get(contentsId);
  }
}

const refused: Result<never> = {
  ok: false,
  error: { code: "forbidden", message: "This request did not come from the counter's own page." },
};

export interface CounterIpcWiring {
  ipcMain: Pick<IpcMain, "handle" | "removeHandler">;
  counter: Pick<CounterTerminal, "dispatcher">;
  windows: Pick<CounterWindows, "get">;
  log: Logger;
}

/** One `invoke` handler per counter request; only a counter window's main frame is heard. */
export function registerCounterIpcHandlers({ ipcMain, counter, windows, log }: CounterIpcWiring): () => void {
  for (const channel of counterRequestChannels) {
    ipcMain.handle(counterIpcRequestChannel(channel), async (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event, windows)) {
        log.warn(`electron: refused ${channel} from ${event.senderFrame?.url ?? "a frame that is gone"}`);
        return refused;
      }
      return counter.dispatcher.dispatch(windows.get(event.sender.id)!, channel, input);
    });
  }
  return () => {
    for (const channel of counterRequestChannels) ipcMain.removeHandler(counterIpcRequestChannel(channel));
  };
}
