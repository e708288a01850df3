import type { Category } from "../../src-shared/catalog.js";

/**
 * Placeholder illustrations for catalogs that arrive without pictures (the retail import): one
 * hand-drawn SVG per category, generated from this table when the catalog is written, so the
 * kiosk never shows a broken image and nothing is downloaded.
 */

interface Motif {
  background: string;
  /** SVG shapes drawn in a 200x200 box, leaving the bottom 40 units for the category's name. */
  shapes: string;
}

const motifs: Record<string, Motif> = {
  "clothing-shoes": {
    background: "#e8f1fb",
    shapes:
      '<path d="M72 30 q28 16 56 0 l36 20 l-14 28 l-16 -7 v75 h-64 v-75 l-16 7 l-14 -28 z" fill="#4895ef"/>' +
      '<path d="M86 30 q14 12 28 0" stroke="#3a0ca3" stroke-width="4" fill="none"/>',
  },
  accessories: {
    background: "#f6efe6",
    shapes:
      '<path d="M78 62 q0 -32 22 -32 q22 0 22 32" stroke="#7f5539" stroke-width="6" fill="none"/>' +
      '<rect x="50" y="60" width="100" height="88" rx="14" fill="#b08968"/>' +
      '<rect x="50" y="60" width="100" height="30" rx="14" fill="#9c6644"/><rect x="92" y="84" width="16" height="12" rx="3" fill="#ffd166"/>',
  },
  electronics: {
    background: "#e9eef5",
    shapes:
      '<rect x="45" y="40" width="110" height="72" rx="6" fill="#343a40"/><rect x="52" y="47" width="96" height="58" rx="3" fill="#4cc9f0"/>' +
      '<path d="M30 120 h140 l-10 20 h-120 z" fill="#6c757d"/><path d="M62 92 l18 -18 l14 12 l22 -26 l20 32" stroke="#fff" stroke-width="4" fill="none"/>',
  },
  "home-kitchen": {
    background: "#fdf3e7",
    shapes:
      '<path d="M60 150 l6 -80 h68 l6 80 z" fill="#e76f51"/><path d="M140 80 q28 4 20 36 l-16 -4" stroke="#e76f51" stroke-width="8" fill="none"/>' +
      '<rect x="62" y="58" width="76" height="14" rx="7" fill="#264653"/><circle cx="100" cy="52" r="7" fill="#264653"/>' +
      '<path d="M80 40 q-6 -10 0 -20 M100 36 q-6 -10 0 -20 M120 40 q-6 -10 0 -20" stroke="#adb5bd" stroke-width="3" fill="none"/>',
  },
  garden: {
    background: "#ecf6ea",
    shapes:
      '<path d="M100 40 Q50 40 30 90 h140 Q150 40 100 40 z" fill="#e63946"/><path d="M100 40 Q80 60 70 90 M100 40 Q120 60 130 90" stroke="#fff" stroke-width="3" fill="none"/>' +
      '<rect x="97" y="88" width="6" height="62" fill="#6c757d"/><ellipse cx="100" cy="152" rx="50" ry="6" fill="#52b788"/>',
  },
  "sports-outdoors": {
    background: "#eaf7f1",
    shapes:
      '<circle cx="100" cy="92" r="56" fill="#fff" stroke="#343a40" stroke-width="4"/>' +
      '<path d="M100 68 l22 16 l-8 26 h-28 l-8 -26 z" fill="#343a40"/>' +
      '<path d="M100 68 v-30 M122 84 l28 -10 M114 110 l16 24 M86 110 l-16 24 M78 84 l-28 -10" stroke="#343a40" stroke-width="4"/>',
  },
  office: {
    background: "#f1f0fb",
    shapes:
      '<rect x="48" y="36" width="84" height="112" rx="6" fill="#fff" stroke="#adb5bd" stroke-width="3"/>' +
      '<path d="M62 62 h56 M62 80 h56 M62 98 h40" stroke="#ced4da" stroke-width="4"/>' +
      '<path d="M120 130 l40 -70 l12 7 l-40 70 l-14 6 z" fill="#ffb703"/><path d="M160 60 l12 7 l4 -7 l-12 -7 z" fill="#e5989b"/>',
  },
  "toys-games": {
    background: "#fdf0f6",
    shapes:
      '<rect x="40" y="50" width="72" height="72" rx="12" fill="#ef476f" transform="rotate(-12 76 86)"/>' +
      '<circle cx="62" cy="72" r="6" fill="#fff"/><circle cx="76" cy="88" r="6" fill="#fff"/><circle cx="90" cy="104" r="6" fill="#fff"/>' +
      '<rect x="104" y="72" width="62" height="62" rx="10" fill="#118ab2" transform="rotate(10 135 103)"/>' +
      '<circle cx="122" cy="90" r="5" fill="#fff"/><circle cx="148" cy="116" r="5" fill="#fff"/>',
  },
  beauty: {
    background: "#fdeef3",
    shapes:
      '<rect x="60" y="96" width="34" height="56" rx="4" fill="#6d597a"/><rect x="64" y="70" width="26" height="28" fill="#adb5bd"/>' +
      '<path d="M66 70 v-26 l22 -10 v36 z" fill="#d00000"/>' +
      '<rect x="112" y="76" width="44" height="76" rx="10" fill="#ffc8dd"/><rect x="124" y="58" width="20" height="20" rx="3" fill="#cdb4db"/>',
  },
  pets: {
    background: "#f5efe6",
    shapes:
      '<ellipse cx="100" cy="112" rx="34" ry="28" fill="#7f5539"/>' +
      '<ellipse cx="62" cy="76" rx="13" ry="17" fill="#7f5539"/><ellipse cx="88" cy="56" rx="13" ry="17" fill="#7f5539"/>' +
      '<ellipse cx="112" cy="56" rx="13" ry="17" fill="#7f5539"/><ellipse cx="138" cy="76" rx="13" ry="17" fill="#7f5539"/>',
  },
};

const generalMotif: Motif = {
  background: "#eef1f4",
  shapes:
    '<path d="M40 70 l60 -26 l60 26 v66 l-60 26 l-60 -26 z" fill="#d4a373"/>' +
    '<path d="M40 70 l60 26 l60 -26 M100 96 v66" stroke="#a47148" stroke-width="3" fill="none"/>' +
    '<path d="M70 57 l60 26 v20" stroke="#fefae0" stroke-width="8" fill="none"/>',
};

/** The relative path (from the catalog file) of a category's placeholder image. */
export function placeholderImagePath(categoryId: string): string {
  return `images/category-${categoryId}.svg`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The SVG text of a category's placeholder; unknown categories get a generic parcel. */
export function renderPlaceholderImage(category: Category): string {
  const motif = motifs[category.id] ?? generalMotif;
  const name = escapeXml(category.name);
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200" role="img">',
    `<title>${name}</title>`,
    `<rect width="200" height="200" rx="24" fill="${motif.background}"/>`,
    motif.shapes,
    `<text x="100" y="184" font-family="sans-serif" font-size="14" font-weight="600" text-anchor="middle" fill="#495057">${name}</text>`,
    "</svg>",
    "",
  ].join("\n");
}

/** Every placeholder a catalog may reference, by relative path. */
export function placeholderImages(categories: readonly Category[]): Map<string, string> {
  return new Map(categories.map((c) => [placeholderImagePath(c.id), renderPlaceholderImage(c)]));
}
