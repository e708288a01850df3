import type { Command } from "commander";
import { listFleet } from "../../fleet/fleet-list.js";
import { SILENT_AFTER_SECONDS } from "../../fleet/kiosk-record.js";
import { withJsonOption, type CliContext } from "../cli-context.js";

/** `kioskctl fleet`: every kiosk and counter announcing itself in this shop's Redis, silent ones flagged. */
export function register(program: Command, context: CliContext): void {
  withJsonOption(
    program
      .command("fleet")
      .description("list the shop's kiosks and counters, flagging those that went silent"),
    "{members: [{id, role, app_version, host, pid, started_at, last_seen, seconds_since_seen, silent, redis, " +
      "assistant_mode, assistant_reachable, renderer_crashes, in_use}], unreadable: [key]}",
  ).action(async (options: { json?: boolean }) => {
    const { client } = await context.services().redis();
    const fleet = await listFleet(client);
    const lines = fleet.members.map((m) =>
      [
        m.silent ? "SILENT" : "ok    ",
        m.id.padEnd(20),
        m.role.padEnd(8),
        `v${m.app_version}`.padEnd(8),
        `seen ${m.seconds_since_seen}s ago`.padEnd(16),
        `redis ${m.redis}`.padEnd(11),
        `assistant ${m.assistant_mode}${m.assistant_reachable ? "" : " (unreachable)"}`.padEnd(24),
        `${m.renderer_crashes} crashes`.padEnd(11),
        m.in_use ? "in use" : "idle",
      ].join(" "),
    );
    const silent = fleet.members.filter((m) => m.silent).length;
    const text = [
      ...(lines.length ? lines : ["No kiosk or counter has announced itself in this Redis."]),
      ...fleet.unreadable.map((key) => `unreadable record ${key}`),
      `${fleet.members.length} listed, ${silent} silent (no heartbeat for ${SILENT_AFTER_SECONDS} s)`,
    ].join("\n");
    context.print(options, { json: fleet, text });
  });
}
