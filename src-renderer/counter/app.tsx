import { useEffect, useRef } from "react";
import { useIdleTimer } from "../components/use-idle-timer.js";
import { Arrivals } from "./screens/arrivals.js";
import { CartScreen } from "./screens/cart-screen.js";
import { ConnectionBanner } from "./screens/connection-banner.js";
import { CounterHeader } from "./screens/counter-header.js";
import { FleetScreen } from "./screens/fleet-screen.js";
import { IdleSignOutDialog } from "./screens/idle-sign-out-dialog.js";
import { QueueScreen } from "./screens/queue-screen.js";
import { ReportScreen } from "./screens/report-screen.js";
import { SignInScreen } from "./screens/sign-in-screen.js";
import { useCounterStores, useStaff, useView } from "./stores/counter-context.js";
import { useScanner } from "./use-scanner.js";

/** How long "Still working here?" counts down before an unused terminal signs out. */
export const IDLE_WARNING_SECONDS = 30;

const titles = { queue: "Orders", cart: "Customer cart", report: "Day report", fleet: "Kiosks" } as const;

/** The counter terminal: sign-in, then the queue, a customer's cart or the day report. */
export function CounterApp() {
  const stores = useCounterStores();
  const phase = useStaff((s) => s.phase);
  const bootError = useStaff((s) => s.bootError);
  const storeName = useStaff((s) => s.storeInfo?.name);

  useEffect(() => {
    if (phase !== "signed-in") document.title = storeName ? `Counter · ${storeName}` : "Counter";
  }, [phase, storeName]);

  if (phase === "booting") {
    return (
      <main className="splash">
        <h1 className="visually-hidden">Counter</h1>
        <p role="status">Starting…</p>
      </main>
    );
  }
  if (phase === "failed") {
    return (
      <main className="splash">
        <h1>The counter cannot start</h1>
        <p role="alert">{bootError}</p>
        <button
          type="button"
          className="button button--primary"
          onClick={() => void stores.staff.getState().boot()}
        >
          Try again
        </button>
      </main>
    );
  }
  if (phase === "signed-out") {
    return (
      <div className="counter">
        <ConnectionBanner />
        <SignInScreen />
      </div>
    );
  }
  return <SignedIn />;
}

function SignedIn() {
  const stores = useCounterStores();
  const view = useView((s) => s.view);
  const role = useStaff((s) => s.staff?.role);
  const storeName = useStaff((s) => s.storeInfo?.name);
  const idleSeconds = useStaff((s) => s.idleTimeoutSeconds);
  const main = useRef<HTMLElement>(null);
  const warning = Math.min(IDLE_WARNING_SECONDS, Math.max(1, Math.floor(idleSeconds / 2)));
  const idle = useIdleTimer({
    enabled: true,
    timeoutSeconds: Math.max(1, idleSeconds - warning),
    countdownSeconds: warning,
    onExpire: () => void stores.staff.getState().signOut(),
  });
  useScanner(!idle.warning, (text) => void stores.find(text));

  const shown = view === "report" && role !== "manager" ? "queue" : view;
  useEffect(() => {
    document.title = storeName ? `${titles[shown]} · Counter · ${storeName}` : `${titles[shown]} · Counter`;
  }, [shown, storeName]);

  return (
    <>
      <div className="counter counter--signed-in" inert={idle.warning}>
        <ConnectionBanner />
        <CounterHeader />
        <Arrivals />
        <main ref={main} className={`counter__main counter__main--${shown}`} tabIndex={-1}>
          {shown === "queue" && <QueueScreen />}
          {shown === "cart" && <CartScreen />}
          {shown === "report" && <ReportScreen />}
          {shown === "fleet" && <FleetScreen />}
        </main>
      </div>
      {idle.warning && (
        <IdleSignOutDialog
          secondsLeft={idle.secondsLeft}
          onStay={idle.stillHere}
          onSignOut={() => {
            idle.stillHere();
            void stores.staff.getState().signOut();
          }}
        />
      )}
    </>
  );
}
