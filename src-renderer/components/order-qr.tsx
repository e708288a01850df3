import { create } from "qrcode";
import { useMemo } from "react";

/**
 * The order number as a QR code for the counter's scanner, drawn as SVG from the QR library's
 * module matrix (no canvas, no data: URL, so the Content-Security-Policy stays strict and it
 * prints sharp on a receipt printer). Error correction M: a scratched screen or a crumpled slip
 * still scans. One image with a name, for people who cannot see it.
 */
export function OrderQr({ number, className }: { number: string; className?: string }) {
  const { size, path } = useMemo(() => {
    const { modules } = create(number, { errorCorrectionLevel: "M" });
    let d = "";
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        if (modules.get(row, col)) d += `M${col + 4} ${row + 4}h1v1h-1z`;
      }
    }
    // Four modules of quiet zone on each side, as the standard asks.
    return { size: modules.size + 8, path: d };
  }, [number]);
  return (
    <svg
      className={className}
      role="img"
      aria-label={`QR code of order ${number}`}
      viewBox={`0 0 ${size} ${size}`}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
