import type {
  EventChannel,
  EventPayload,
  KioskApi,
  RequestChannel,
  RequestInput,
  RequestOutput,
} from "../../src-shared/contract.js";
import { FakeContractApi } from "./fake-contract-api.js";

export type Handlers = {
  [C in RequestChannel]?: (input: RequestInput<C>) => RequestOutput<C> | Promise<RequestOutput<C>>;
};

/** The kiosk's contract (src-shared/contract.ts) as a test double: see FakeContractApi. */
export class FakeKioskApi
  extends FakeContractApi<
    { [C in RequestChannel]: RequestInput<C> },
    { [C in RequestChannel]: RequestOutput<C> },
    { [E in EventChannel]: EventPayload<E> }
  >
  implements KioskApi {}

/** A promise the test resolves or rejects when it wants, to look at a store while a request is in flight. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** An in-memory Storage for the remembered session id. */
export function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  };
}
