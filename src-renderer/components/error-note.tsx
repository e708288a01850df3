/** A failed action, said in the customer's words, with a way to dismiss it. */
export function ErrorNote({ message, onDismiss }: { message: string | null; onDismiss?: () => void }) {
  if (!message) return null;
  return (
    <div className="error-note" role="alert">
      <p>{message}</p>
      {onDismiss && (
        <button type="button" className="button button--quiet" onClick={onDismiss}>
          OK
        </button>
      )}
    </div>
  );
}
