import { Option, type Command } from "commander";
import { staffRoles, type StaffRole } from "../../../src-shared/counter-contract.js";
import { AppError } from "../../../src-shared/errors.js";
import { StaffAudit } from "../../staff/staff-audit.js";
import { StaffStore, type StaffMember } from "../../staff/staff-store.js";
import { withJsonOption, type CliContext } from "../cli-context.js";

/**
 * `kioskctl staff ...`: who may sign in at the counter. A PIN is never an argument (it would show
 * in `ps` and the shell's history): it is typed at the terminal, twice, or piped with
 * `--pin-stdin`. Each change is appended to the `staff-audit` stream as done by "kioskctl".
 */

type PinFlags = { json?: boolean; pinStdin?: boolean };

const memberJson = (m: StaffMember) => ({
  name: m.name,
  role: m.role,
  created_at: m.created_at,
  updated_at: m.updated_at,
  locked_seconds: m.locked_seconds,
});

export function register(program: Command, context: CliContext): void {
  const staff = program
    .command("staff")
    .description("the staff who sign in at the counter: add, list, remove, set a PIN");

  const open = async () => {
    const { client } = await context.services().redis();
    const audit = new StaffAudit({
      redis: client,
      retentionSeconds: context.services().config.orderRetentionDays * 86_400,
      log: { info() {}, warn: (m) => context.io.stderr(`${m}\n`), error: (m) => context.io.stderr(`${m}\n`) },
    });
    return { store: new StaffStore(client), audit };
  };
  const who = () => context.io.env.USER || "kioskctl";

  async function readPin(options: PinFlags): Promise<string> {
    if (options.pinStdin) {
      if (!context.io.readStdin) throw new AppError("invalid_input", "Standard input cannot be read here.");
      return (await context.io.readStdin()).split(/\r?\n/)[0]!.trim();
    }
    const read = context.io.readSecret;
    if (!read) {
      throw new AppError(
        "invalid_input",
        "No terminal to type the PIN at: pipe it in with --pin-stdin (e.g. printf '4821' | kioskctl staff add ...).",
      );
    }
    const pin = await read("PIN (4 to 8 digits): ");
    if ((await read("The same PIN again: ")) !== pin)
      throw new AppError("invalid_input", "The two PINs differ; nothing was changed.");
    return pin;
  }

  const pinOption = (command: Command) =>
    command.option("--pin-stdin", "read the PIN from standard input instead of the terminal");

  withJsonOption(
    pinOption(
      staff
        .command("add")
        .argument("<name>", "the name they sign in with (quote a name with spaces)")
        .addOption(new Option("--role <role>", "what they may do").choices(staffRoles).makeOptionMandatory())
        .description(
          "add a member of staff; cashiers take payment and edit carts, managers also cancel and see the day",
        ),
    ),
    "{name, role, created_at, updated_at, locked_seconds}",
  ).action(async (name: string, options: PinFlags & { role: StaffRole }) => {
    const { store, audit } = await open();
    const member = await store.add(name, options.role, await readPin(options));
    await audit.record({
      action: "staff-add",
      staff: who(),
      terminal: "kioskctl",
      outcome: "ok",
      detail: `${member.name} (${member.role})`,
    });
    context.print(options, { json: memberJson(member), text: `Added ${member.name} (${member.role}).` });
  });

  withJsonOption(
    staff.command("list").description("list the staff, with their roles and any lockout"),
    "[{name, role, created_at, updated_at, locked_seconds}]",
  ).action(async (options: { json?: boolean }) => {
    const { store } = await open();
    const members = await store.list();
    const text = members.length
      ? members
          .map((m) =>
            [
              m.name.padEnd(24),
              m.role.padEnd(8),
              m.locked_seconds > 0 ? `locked for ${m.locked_seconds} s` : "",
            ]
              .join(" ")
              .trimEnd(),
          )
          .join("\n")
      : "No staff yet: add one with kioskctl staff add <name> --role manager";
    context.print(options, { json: members.map(memberJson), text });
  });

  withJsonOption(
    staff
      .command("remove")
      .argument("<name>")
      .description("remove a member of staff (their counter signs out at once)"),
  ).action(async (name: string, options: { json?: boolean }) => {
    const { store, audit } = await open();
    const member = await store.remove(name);
    await audit.record({
      action: "staff-remove",
      staff: who(),
      terminal: "kioskctl",
      outcome: "ok",
      detail: member.name,
    });
    context.print(options, { json: memberJson(member), text: `Removed ${member.name}.` });
  });

  withJsonOption(
    pinOption(
      staff.command("set-pin").argument("<name>").description("set a new PIN (also lifts a lockout)"),
    ),
  ).action(async (name: string, options: PinFlags) => {
    const { store, audit } = await open();
    const member = await store.setPin(name, await readPin(options));
    await audit.record({
      action: "staff-set-pin",
      staff: who(),
      terminal: "kioskctl",
      outcome: "ok",
      detail: member.name,
    });
    context.print(options, { json: memberJson(member), text: `New PIN set for ${member.name}.` });
  });
}
