import { useKiosk } from "../stores/stores-context.js";
import { AlertIcon } from "./icons.js";

/**
 * Says plainly when the cart service or the assistant cannot be reached (from `connection-status`).
 * Both down at once is usually this screen's own link to the shop's system (the WebSocket or the
 * main process), so that is said once rather than as two separate failures.
 */
export function StatusBanner() {
  const redisDown = useKiosk((s) => s.connection?.redis === "down");
  const assistantDown = useKiosk((s) => s.connection !== null && !s.connection.assistant.reachable);
  if (!redisDown && !assistantDown) return null;
  return (
    <div className="status-banner" role="alert">
      <AlertIcon />
      <div>
        <p>{message(redisDown, assistantDown)}</p>
      </div>
    </div>
  );
}

const reconnecting =
  "Your cart is safe; we are reconnecting by ourselves. Please wait a moment or ask a member of staff.";

function message(redisDown: boolean, assistantDown: boolean) {
  if (redisDown && assistantDown) {
    return (
      <>
        <strong>This kiosk has lost its connection to the shop&apos;s system.</strong> {reconnecting}
      </>
    );
  }
  if (redisDown) {
    return (
      <>
        <strong>The cart service is unreachable.</strong> {reconnecting}
      </>
    );
  }
  return (
    <>
      <strong>The assistant is unreachable.</strong> You can still browse products and use your cart.
    </>
  );
}
