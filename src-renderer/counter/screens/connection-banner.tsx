import { AlertIcon } from "../../components/icons.js";
import { useStaff } from "../stores/counter-context.js";

/** Says plainly when this terminal cannot reach the shop's system (from `counter-connection-status`). */
export function ConnectionBanner() {
  const down = useStaff((s) => s.connection?.redis === "down");
  if (!down) return null;
  return (
    <div className="status-banner" role="alert">
      <AlertIcon />
      <p>
        <strong>This counter has lost its connection to the shop&apos;s system.</strong> It reconnects by
        itself; orders placed meanwhile appear as soon as it is back.
      </p>
    </div>
  );
}
