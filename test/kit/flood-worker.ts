/**
 * A flooding client in its own process, for `npm run bench flood` (#14 item 4): opens
 * <connections> WebSockets from <local-address> and on each sends chat turns and cart changes
 * back to back (the next as soon as the last is answered) for <seconds>.
 * Usage: node --import tsx test/kit/flood-worker.ts <ws-url> <origin> <local-address> <connections> <seconds>
 * Prints one JSON line: connections opened and refused, requests sent, answered ok, refused by code.
 */
import { WebSocket } from "ws";

const [wsUrl, origin, localAddress, connectionsText, secondsText] = process.argv.slice(2);
const until = Date.now() + Number(secondsText) * 1000;
const summary = { opened: 0, refused_connections: 0, sent: 0, ok: 0, errors: {} as Record<string, number> };

type Answer = { ok: boolean; error?: { code: string } };

async function flood(): Promise<void> {
  const socket = new WebSocket(wsUrl!, { origin, localAddress });
  const answers = new Map<number, (a: Answer) => void>();
  let refused = false;
  socket.on("message", (data) => {
    const frame = JSON.parse(data.toString()) as { id?: number | null; result?: Answer };
    if (frame.result && frame.id == null && frame.result.error?.code === "too_many_connections")
      refused = true;
    if (frame.result && typeof frame.id === "number") answers.get(frame.id)?.(frame.result);
  });
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  const opened = await new Promise<boolean>((resolve) => {
    socket.once("open", () => resolve(true));
    socket.once("error", () => resolve(false));
  });
  if (!opened) return void summary.refused_connections++;
  let id = 0;
  const request = (channel: string, input: unknown) =>
    new Promise<Answer>((resolve) => {
      const n = ++id;
      answers.set(n, resolve);
      socket.send(JSON.stringify({ id: n, channel, input }));
      void closed.then(() => resolve({ ok: false, error: { code: "closed" } }));
    });
  const start = await Promise.race([request("session-start", {}), closed.then(() => undefined)]);
  if (!start || refused) {
    summary.refused_connections++;
    socket.terminate();
    return;
  }
  summary.opened++;
  const steps: Array<[string, unknown]> = [
    ["chat-send", { message: "show my cart" }],
    ["cart-add", { product_id: "42", quantity: 1 }],
    ["cart-clear", {}],
  ];
  for (let i = 0; Date.now() < until && socket.readyState === WebSocket.OPEN; i++) {
    const [channel, input] = steps[i % steps.length]!;
    summary.sent++;
    const answer = await request(channel, input);
    if (answer.ok) summary.ok++;
    else {
      const code = answer.error?.code ?? "unknown";
      summary.errors[code] = (summary.errors[code] ?? 0) + 1;
    }
  }
  socket.terminate();
}

await Promise.all(Array.from({ length: Number(connectionsText) }, () => flood()));
process.stdout.write(JSON.stringify(summary) + "\n");
process.exit(0);
