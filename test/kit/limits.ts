/**
 * The flood limits (config.limits, #14) set out of the way, as environment for startShell or a
 * kiosk server process: for tests and benchmarks that are one client sending far more than a
 * person would, where the limit is not what they measure.
 */
export const unlimited: Record<string, string> = {
  WS_MAX_CONNECTIONS: "100000",
  WS_MAX_CONNECTIONS_PER_ADDRESS: "100000",
  CHAT_TURNS_PER_MINUTE_PER_ADDRESS: "1000000",
  CHAT_TURNS_PER_MINUTE: "1000000",
  CART_CHANGES_PER_MINUTE_PER_ADDRESS: "10000000",
};
