import { useEffect, useRef, useState, type FormEvent } from "react";
import { primeChime } from "../arrival-chime.js";
import { useCounterStores, useStaff } from "../stores/counter-context.js";

/**
 * Name and PIN. A wrong PIN, and the lock after five wrong ones for a name, are said in the main
 * process's words (it counts the attempts and logs them); the PIN field is emptied after each try.
 */
export function SignInScreen() {
  const { staff } = useCounterStores();
  const signingIn = useStaff((s) => s.signingIn);
  const error = useStaff((s) => s.error);
  const notice = useStaff((s) => s.notice);
  const storeName = useStaff((s) => s.storeInfo?.name);
  const [name, setName] = useState("");
  const [pin, setPin] = useState("");
  const nameField = useRef<HTMLInputElement>(null);
  const pinField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    nameField.current?.focus();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    primeChime();
    const signedIn = await staff.getState().signIn({ name, pin });
    if (!signedIn) {
      setPin("");
      pinField.current?.focus();
    }
  }

  return (
    <main className="counter-sign-in">
      <form
        className="counter-card counter-sign-in__form"
        onSubmit={(e) => void submit(e)}
        aria-labelledby="sign-in-title"
      >
        <p className="counter-sign-in__shop">{storeName ?? "Shop"} · Counter</p>
        <h1 id="sign-in-title">Sign in</h1>
        {notice && (
          <p className="counter-note counter-note--info" role="status">
            {notice}
          </p>
        )}
        <label className="field">
          <span className="field__label">Name</span>
          <input
            ref={nameField}
            className="field__input"
            name="name"
            autoComplete="username"
            required
            maxLength={40}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field__label">PIN</span>
          <input
            ref={pinField}
            className="field__input"
            name="pin"
            type="password"
            inputMode="numeric"
            autoComplete="current-password"
            pattern="[0-9]{4,8}"
            title="4 to 8 digits"
            required
            maxLength={8}
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ""))}
          />
        </label>
        {error && (
          <p className="counter-note counter-note--error" role="alert">
            {error}
          </p>
        )}
        <button
          type="submit"
          className="button button--primary"
          aria-busy={signingIn || undefined}
          disabled={signingIn}
        >
          Sign in
        </button>
      </form>
    </main>
  );
}
