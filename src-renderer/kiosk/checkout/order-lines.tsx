import { describeOptions } from "../../../src-shared/format.js";
import type { OrderLine } from "../../../src-shared/order.js";

/** The lines of a quote or an order: quantity, name and options, unit price, line total. */
export function OrderLines({
  lines,
  money,
  label,
  marks = {},
}: {
  lines: readonly OrderLine[];
  money: (minor: number) => string;
  label: string;
  /** A short tag per item id ("New price"), for the lines the quote changed. */
  marks?: Readonly<Record<string, string>>;
}) {
  return (
    <ul className="order-lines" aria-label={label}>
      {lines.map((line) => {
        const options = describeOptions(line.configuration, "label");
        const mark = marks[line.item_id];
        return (
          <li key={line.item_id} className="order-line">
            <span className="order-line__what">
              <span className="order-line__name">
                {line.quantity} × {line.name}
              </span>
              {options && <span className="muted"> ({options})</span>}
              <span className="order-line__each muted">
                {money(line.price)} each
                {mark && <span className="tag tag--changed">{mark}</span>}
              </span>
            </span>
            <span className="price">{money(line.line_total)}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** Subtotal, delivery and total, as a definition list. */
export function OrderTotals({
  subtotal,
  delivery,
  total,
  money,
}: {
  subtotal: number;
  delivery: number | null;
  total: number;
  money: (minor: number) => string;
}) {
  return (
    <dl className="order-totals">
      {delivery !== null && (
        <>
          <div>
            <dt>Subtotal</dt>
            <dd>{money(subtotal)}</dd>
          </div>
          <div>
            <dt>Delivery</dt>
            <dd>{money(delivery)}</dd>
          </div>
        </>
      )}
      <div className="order-totals__total">
        <dt>Total</dt>
        <dd>{money(total)}</dd>
      </div>
    </dl>
  );
}
