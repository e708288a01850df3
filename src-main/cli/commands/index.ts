// The command modules of kioskctl (help lists them alphabetically). Adding a module is one line here.
export * as doctor from "./doctor.js";
export * as catalog from "./catalog.js";
export * as cart from "./cart.js";
export * as chat from "./chat.js";
export * as fleet from "./fleet.js";
export * as order from "./order.js";
export * as report from "./report.js";
export * as staff from "./staff.js";
