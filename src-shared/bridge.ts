import { z } from "zod";
import { AppError } from "./errors.js";
import {
  eventChannels,
  requestChannels,
  ResultSchema,
  type EventChannel,
  type EventPayload,
  type RequestChannel,
  type RequestInput,
  type RequestOutput,
  type Result,
} from "./contract.js";

/**
 * How the contract travels: the names the Electron preload exposes, the IPC channel names, and the
 * WebSocket frames of `npm run web`. Everything is derived from the channel lists in contract.ts,
 * so a new request or event needs no edit here.
 */

/** Request method names on the preload's object: `cart-update-quantity` -> `cartUpdateQuantity`. */
export type RequestMethodName<C extends string> = C extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<RequestMethodName<Tail>>}`
  : C;

/** Event subscription method names on the preload's object: `cart-changed` -> `onCartChanged`. */
export type EventMethodName<E extends string> = `on${Capitalize<RequestMethodName<E>>}`;

/** The one kebab-to-camel conversion, for requests and events alike. */
function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

export function requestMethodName<C extends string>(channel: C): RequestMethodName<C> {
  return camelCase(channel) as RequestMethodName<C>;
}

export function eventMethodName<E extends string>(event: E): EventMethodName<E> {
  const camel = camelCase(event);
  return `on${camel[0]!.toUpperCase()}${camel.slice(1)}` as EventMethodName<E>;
}

/**
 * The one object the preload exposes as `window.kiosk`. Requests answer with a `Result` envelope
 * because contextBridge copies only an Error's message, dropping its code.
 */
export type KioskBridge = {
  [C in RequestChannel as RequestMethodName<C>]: (
    input: RequestInput<C>,
  ) => Promise<Result<RequestOutput<C>>>;
} & {
  [E in EventChannel as EventMethodName<E>]: (listener: (payload: EventPayload<E>) => void) => () => void;
};

/** Every method name of `KioskBridge`, in contract order. */
export const bridgeMethodNames: readonly string[] = [
  ...requestChannels.map(requestMethodName),
  ...eventChannels.map(eventMethodName),
];

/** IPC channel names: one `invoke` channel per request, one `send` channel per event. */
export const ipcRequestChannel = (channel: RequestChannel): string => `kiosk:request:${channel}`;
export const ipcEventChannel = (event: EventChannel): string => `kiosk:event:${event}`;

/** Unwraps an envelope on the renderer's side, turning a refused request back into an AppError. */
export function unwrapResult<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new AppError(result.error.code, result.error.message);
}

// ---- WebSocket frames (`/ws` of `npm run web`) ----

/** Caps what one frame may carry; the largest legitimate request (a 2000-character chat message) is far below. */
export const WS_MAX_FRAME_BYTES = 64 * 1024;

/** Client -> server: one request. `id` pairs the answer with the request. */
export const WsRequestFrameSchema = z
  .object({
    id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    channel: z.string().max(64),
    input: z.unknown(),
  })
  .strict();
export type WsRequestFrame = z.infer<typeof WsRequestFrameSchema>;

/**
 * Server -> client: the answer to request `id` (null when the frame was unreadable and had no
 * usable id), or an event.
 */
export const WsServerFrameSchema = z.union([
  z.object({ id: z.number().int().nonnegative().nullable(), result: ResultSchema }),
  z.object({ event: z.string(), payload: z.unknown() }),
]);
export type WsServerFrame = z.infer<typeof WsServerFrameSchema>;
