import { useKiosk } from "../app/stores-context.js";
import { AlertIcon } from "./icons.js";

/** Says plainly when the cart service or the assistant cannot be reached (from `connection-status`). */
export function StatusBanner() {
  const redisDown = useKiosk((s) => s.connection?.redis === "down");
  const assistantDown = useKiosk((s) => s.connection !== null && !s.connection.assistant.reachable);
  if (!redisDown && !assistantDown) return null;
  return (
    <div className="status-banner" role="alert">
      <AlertIcon />
      <div>
        {redisDown && (
          <p>
            <strong>The cart service is unreachable.</strong> Your cart is safe; we are reconnecting by
            ourselves. Please wait a moment or ask a member of staff.
          </p>
        )}
        {assistantDown && (
          <p>
            <strong>The assistant is unreachable.</strong> You can still browse products and use your cart.
          </p>
        )}
      </div>
    </div>
  );
}
