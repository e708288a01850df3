import { readFile } from "node:fs/promises";
import path from "node:path";
import { Catalog } from "../../src-main/catalog/catalog.js";
import { importRetailCatalog } from "../../src-main/catalog/import-retail.js";
import { appRoot, defaultCatalogPath } from "../../src-main/config/config.js";

/**
 * The two catalogs every catalog-dependent test runs against: the bundled sample shop (UGX, no
 * minor units) and the third-party retail catalog (USD, ~600 variants) converted by our importer.
 * Each is loaded once per test file; a Catalog is immutable, so sharing it is safe.
 */

/** The folder of catalogs shared with the project (outside the repository). */
export const sharedCatalogsDir = path.resolve(appRoot, "..", "shared", "catalogs");
export const retailCatalogPath = path.join(sharedCatalogsDir, "retail-variants.products.json");

let sample: Promise<Catalog> | undefined;
let retail: Promise<Catalog> | undefined;

export function loadSampleCatalog(): Promise<Catalog> {
  sample ??= Catalog.load(defaultCatalogPath);
  return sample;
}

/** The retail catalog imported in memory (its placeholder images are not written anywhere). */
export function loadRetailCatalog(): Promise<Catalog> {
  retail ??= readFile(retailCatalogPath, "utf8").then(
    (text) => new Catalog(importRetailCatalog(JSON.parse(text)), sharedCatalogsDir),
  );
  return retail;
}

/**
 * A third shop of the tests' own making (a Nairobi hardware store and pharmacy, KES) whose option
 * axes (strength, pack size, wattage, gauge, screw size, paper size...) differ from the other two,
 * so that nothing the assistant understands can be specific to those.
 */
export const hardwarePharmacyCatalogPath = path.join(
  appRoot,
  "test",
  "fixtures",
  "catalogs",
  "hardware-pharmacy.json",
);

let hardwarePharmacy: Promise<Catalog> | undefined;

export function loadHardwarePharmacyCatalog(): Promise<Catalog> {
  hardwarePharmacy ??= Catalog.load(hardwarePharmacyCatalogPath);
  return hardwarePharmacy;
}
