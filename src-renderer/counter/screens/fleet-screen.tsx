import { useEffect } from "react";
import type { FleetMember } from "../../../src-shared/counter-contract.js";
import { ErrorNote } from "../../components/error-note.js";
import { useCounterStores, useFleet } from "../stores/counter-context.js";

/** How often the list is read again while it is shown: the heartbeats come every 15 s. */
const REFRESH_MS = 15_000;

/** What a member is doing, in a word a cashier can act on: a silent kiosk needs someone to look at it. */
// The tones reuse the order badges' colours: red (cancelled), amber (placed), green (paid).
function stateOf(member: FleetMember): { label: string; tone: "cancelled" | "placed" | "paid" } {
  if (member.silent) return { label: "Silent", tone: "cancelled" };
  if (member.redis === "down") return { label: "Cannot reach the shop's system", tone: "cancelled" };
  if (member.in_use)
    return { label: member.role === "kiosk" ? "Serving a customer" : "Signed in", tone: "placed" };
  return { label: "Ready", tone: "paid" };
}

function lastSeen(seconds: number): string {
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min ago` : `${Math.floor(minutes / 60)} h ago`;
}

/** Kiosks and counters: the fleet's heartbeats, the silent ones first. */
export function FleetScreen() {
  const stores = useCounterStores();
  const members = useFleet((s) => s.value);
  const loading = useFleet((s) => s.loading);
  const error = useFleet((s) => s.error);

  useEffect(() => {
    void stores.fleet.getState().load();
    const timer = setInterval(() => void stores.fleet.getState().load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [stores]);

  const sorted = [...(members ?? [])].sort(
    (a, b) => Number(b.silent) - Number(a.silent) || a.id.localeCompare(b.id),
  );
  const silent = sorted.filter((m) => m.silent).length;

  return (
    <div className="report">
      <div className="report__head">
        <h1>Kiosks and counters</h1>
        <button
          type="button"
          className="button button--secondary"
          aria-busy={loading || undefined}
          onClick={() => void stores.fleet.getState().load()}
        >
          Refresh
        </button>
      </div>
      <ErrorNote message={error} />
      {members === null ? (
        <p className="empty" role="status">
          {loading ? "Asking the kiosks…" : ""}
        </p>
      ) : members.length === 0 ? (
        <p className="empty">No kiosk or counter has announced itself.</p>
      ) : (
        <section className="counter-card" aria-labelledby="fleet-title">
          <h2 id="fleet-title">
            {sorted.length} in the shop{silent > 0 ? `, ${silent} silent` : ""}
          </h2>
          <table className="queue-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">State</th>
                <th scope="col">Last seen</th>
                <th scope="col">Assistant</th>
                <th scope="col">Version</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((member) => {
                const state = stateOf(member);
                return (
                  <tr key={member.id}>
                    <th scope="row">{member.id}</th>
                    <td>{member.role === "kiosk" ? "Kiosk" : "Counter"}</td>
                    <td>
                      <span className={`badge-status badge-status--${state.tone}`}>{state.label}</span>
                    </td>
                    <td>{lastSeen(member.seconds_since_seen)}</td>
                    <td>{member.assistant_mode === "openai" ? "Language model" : "Offline"}</td>
                    <td>{member.app_version}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
