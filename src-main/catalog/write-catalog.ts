import { existsSync } from "node:fs";
import { copyFile, mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { AppError, describeZodError } from "../../src-shared/errors.js";
import { CatalogFileSchema, type CatalogFile } from "../../src-shared/catalog.js";
import { placeholderImages } from "./placeholder-images.js";

export interface WriteCatalogOptions {
  /** Where images that are not generated placeholders are copied from (the source catalog's folder). */
  imageSourceDir?: string;
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
async function writeAtomically(file: string, data: string | Buffer): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, data);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Writes a catalog as pretty JSON at `outPath` and every image it references next to it:
 * category placeholders are generated, other relative images are copied from `imageSourceDir`
 * or must already be in place. Everything is checked before the first byte is written, and the
 * JSON is written last, so a catalog never points at an image that is not there.
 */
export async function writeCatalog(
  catalog: CatalogFile,
  outPath: string,
  options: WriteCatalogOptions = {},
): Promise<void> {
  const checked = CatalogFileSchema.safeParse(catalog);
  if (!checked.success) {
    throw new AppError("invalid_input", `The catalog is not valid: ${describeZodError(checked.error)}`);
  }
  const outFile = path.resolve(outPath);
  const outDir = path.dirname(outFile);
  const generated = placeholderImages(checked.data.categories);
  const references = new Set(
    checked.data.products.map((p) => p.image).filter((image) => !/^https?:\/\//.test(image)),
  );

  const toGenerate: Array<[string, string]> = [];
  const toCopy: Array<[string, string]> = [];
  const problems: string[] = [];
  for (const reference of references) {
    const relative = path.normalize(reference);
    const target = path.resolve(outDir, relative);
    if (path.isAbsolute(reference) || !target.startsWith(outDir + path.sep)) {
      problems.push(`image "${reference}" is outside the catalog's folder`);
      continue;
    }
    const svg = generated.get(reference);
    const source = options.imageSourceDir ? path.resolve(options.imageSourceDir, relative) : undefined;
    if (svg !== undefined) toGenerate.push([target, svg]);
    else if (source && existsSync(source)) toCopy.push([source, target]);
    else if (!existsSync(target)) problems.push(`image "${reference}" was not found`);
  }
  if (problems.length) {
    throw new AppError("invalid_input", `Cannot write the catalog to ${outFile}: ${problems.join("; ")}.`);
  }

  const targets = [...toGenerate.map(([target]) => target), ...toCopy.map(([, target]) => target)];
  for (const dir of new Set([outDir, ...targets.map((target) => path.dirname(target))])) {
    await mkdir(dir, { recursive: true });
  }
  for (const [target, svg] of toGenerate) await writeAtomically(target, svg);
  for (const [source, target] of toCopy) {
    if (path.resolve(source) !== target) await copyFile(source, target);
  }
  await writeAtomically(outFile, JSON.stringify(checked.data, null, 2) + "\n");
}
