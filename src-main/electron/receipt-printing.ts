import type { WebContents, WebContentsPrintOptions } from "electron";

export type PrintableContents = Pick<WebContents, "print" | "isDestroyed">;

/**
 * Prints what a kiosk window shows (the receipt view) to the configured receipt printer, without
 * a dialog: a customer at a kiosk must never face the system's print dialog. Receipt printers
 * take narrow paper, so no margins and the page's own background; the page's print stylesheet
 * lays the receipt out. Resolves to whether the printer took the job.
 */
export function printToDevice(contents: PrintableContents, deviceName: string): Promise<boolean> {
  if (contents.isDestroyed()) return Promise.resolve(false);
  const options: WebContentsPrintOptions = {
    silent: true,
    deviceName,
    printBackground: true,
    margins: { marginType: "none" },
  };
  return new Promise((resolve) => contents.print(options, (success) => resolve(success)));
}
