import { useEffect, useState, type FormEvent } from "react";
import { ErrorNote } from "../../components/error-note.js";
import { paymentMethodLabels } from "../queue-lists.js";
import { useCounterFormat } from "../use-counter-format.js";
import { useCounterStores, useReport } from "../stores/counter-context.js";

/** "Today" (managers): the day's orders, totals by payment method, the cash expected in the drawer, cancellations and refunds owed, and what is still unpaid. */
export function ReportScreen() {
  const stores = useCounterStores();
  const report = useReport((s) => s.value);
  const loading = useReport((s) => s.loading);
  const error = useReport((s) => s.error);
  const [date, setDate] = useState("");
  const { money } = useCounterFormat(report?.currency);

  useEffect(() => {
    void stores.report.getState().load();
  }, [stores]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    await stores.report.getState().load(date || undefined);
  }

  return (
    <div className="report">
      <div className="report__head">
        <h1>{report ? `Day report · ${report.day}` : "Day report"}</h1>
        <form className="counter-inline-form" onSubmit={(e) => void submit(e)}>
          <label className="field field--inline">
            <span className="field__label">Report date</span>
            <input
              className="field__input"
              type="date"
              value={date}
              onChange={(e) => setDate(e.target.value)}
            />
          </label>
          <button type="submit" className="button button--secondary" aria-busy={loading || undefined}>
            Show report
          </button>
        </form>
      </div>
      <ErrorNote message={error} />
      {!report ? (
        <p className="empty" role="status">
          {loading ? "Adding up the day…" : ""}
        </p>
      ) : (
        <div className="report__grid">
          <section className="counter-card" aria-labelledby="report-summary">
            <h2 id="report-summary">Summary</h2>
            <dl className="report-figures">
              <div>
                <dt>Orders</dt>
                <dd>{report.order_count}</dd>
              </div>
              <div>
                <dt>Paid</dt>
                <dd>{money(report.paid_total)}</dd>
              </div>
              <div className="report-figures__main">
                <dt>Cash expected in the drawer</dt>
                <dd>{money(report.cash_expected)}</dd>
              </div>
              <div>
                <dt>Unpaid orders</dt>
                <dd>
                  {report.unpaid.count} · {money(report.unpaid.total)}
                </dd>
              </div>
              <div>
                <dt>Cancelled orders</dt>
                <dd>{report.cancelled.count}</dd>
              </div>
              <div>
                <dt>Refunds owed</dt>
                <dd>{money(report.cancelled.refunds_owed)}</dd>
              </div>
            </dl>
          </section>
          <section className="counter-card" aria-labelledby="report-methods">
            <h2 id="report-methods">By payment method</h2>
            <table className="order-lines">
              <thead>
                <tr>
                  <th scope="col">Method</th>
                  <th scope="col" className="num">
                    Orders
                  </th>
                  <th scope="col" className="num">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.payments.map((p) => (
                  <tr key={p.method}>
                    <td>{paymentMethodLabels[p.method]}</td>
                    <td className="num">{p.count}</td>
                    <td className="num">{money(p.total)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="counter-card" aria-labelledby="report-cancelled">
            <h2 id="report-cancelled">Cancelled</h2>
            {report.cancelled.orders.length === 0 ? (
              <p className="empty">None.</p>
            ) : (
              <ul className="report-list">
                {report.cancelled.orders.map((o) => (
                  <li key={o.number}>
                    <strong>{o.number}</strong> {o.reason} · {o.by}
                    {o.refund_due > 0 && ` · refund owed ${money(o.refund_due)}`}
                  </li>
                ))}
              </ul>
            )}
            <h2 id="report-unpaid">Still unpaid</h2>
            <p>{report.unpaid.numbers.length ? report.unpaid.numbers.join(", ") : "None."}</p>
          </section>
        </div>
      )}
    </div>
  );
}
