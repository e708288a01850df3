import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from "react";
import { nouns } from "../../../src-shared/format.js";
import { useShopFormat } from "../../components/format.js";
import { useCart, useCatalog, useChat, useKiosk, useStores } from "../../stores/stores-context.js";
import { GoButton } from "../components/go-button.js";
import { ErrorNote } from "../../components/error-note.js";
import { CartIcon, KeyboardIcon, SendIcon, SparkIcon } from "../../components/icons.js";
import { OnScreenKeyboard } from "../components/on-screen-keyboard.js";
import type { ChatEntry } from "../../stores/chat-store.js";
import { ActionCard } from "./action-card.js";

const maxMessageLength = 2000;

export function ChatScreen() {
  const { chat, catalog } = useStores();
  const offline = useKiosk((s) => s.connection?.assistant.mode === "offline");
  const hasCategories = useCatalog((s) => s.categories.length > 0);
  const [draft, setDraft] = useState("");
  const [keyboardOpen, setKeyboardOpen] = useState(true);

  useEffect(() => {
    if (!hasCategories) void catalog.getState().loadCategories();
  }, [catalog, hasCategories]);

  const send = async (text: string) => {
    if (await chat.getState().sendMessage(text)) setDraft((current) => (current === text ? "" : current));
  };

  return (
    <div className="chat-screen">
      <div className="chat-screen__conversation">
        <div className="screen-heading">
          <h1>Shopping assistant</h1>
          {offline && <span className="pill pill--offline">Offline assistant</span>}
        </div>
        {offline && (
          <p className="offline-note">
            The assistant is in offline mode. It understands short, plain requests: name a product and how
            many (“I want 2 …”), ask to see your cart, or ask to change or remove something.
          </p>
        )}
        <Conversation />
      </div>
      <div className="chat-screen__input">
        <CartGlance />
        <Suggestions onPick={(text) => void send(text)} />
        <Composer
          draft={draft}
          setDraft={setDraft}
          onSend={() => void send(draft)}
          keyboardOpen={keyboardOpen}
          toggleKeyboard={() => setKeyboardOpen((open) => !open)}
        />
        {keyboardOpen && (
          <OnScreenKeyboard
            label="Keyboard for the message"
            value={draft}
            onChange={setDraft}
            enterLabel="Enter"
            onEnter={() => void send(draft)}
            maxLength={maxMessageLength}
          />
        )}
      </div>
    </div>
  );
}

function Conversation() {
  const messages = useChat((s) => s.messages);
  const sending = useChat((s) => s.sending);
  const streamingText = useChat((s) => s.streamingText);
  const end = useRef<HTMLDivElement>(null);

  const log = useRef<HTMLDivElement>(null);

  useEffect(() => {
    end.current?.scrollIntoView?.({ block: "end", behavior: "smooth" });
  }, [messages, streamingText, sending]);

  useEffect(() => {
    // Turning the screen, a banner or the keyboard changes the log's height: the newest message
    // (and its card's buttons) must stay in view rather than end up below the fold.
    const element = log.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => end.current?.scrollIntoView?.({ block: "end" }));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  return (
    <div
      ref={log}
      className="conversation"
      role="log"
      aria-label="Conversation"
      aria-live="polite"
      tabIndex={0}
    >
      <div className="message message--assistant">
        <span className="visually-hidden">Assistant: </span>
        <p>Hello! Tell me what you are looking for and I will find it and put it in your cart.</p>
      </div>
      {messages.map((m) => (
        <Message key={m.id} entry={m} />
      ))}
      {sending && (
        <div className="message message--assistant message--streaming" aria-busy="true">
          <span className="visually-hidden">Assistant: </span>
          {streamingText ? (
            <p>{streamingText}</p>
          ) : (
            <p className="typing">
              <span className="visually-hidden">The assistant is writing</span>
              <span aria-hidden="true" className="typing__dots">
                <span />
                <span />
                <span />
              </span>
            </p>
          )}
        </div>
      )}
      <div ref={end} />
    </div>
  );
}

function Message({ entry }: { entry: ChatEntry }) {
  if (entry.role === "user") {
    return (
      <div className="message message--user">
        <span className="visually-hidden">You: </span>
        <p>{entry.content}</p>
      </div>
    );
  }
  return (
    <div className="message message--assistant">
      <span className="visually-hidden">Assistant: </span>
      {entry.content.split(/\n{2,}/).map((paragraph, i) => (
        <p key={i}>{paragraph}</p>
      ))}
      {entry.action && <ActionCard action={entry.action} />}
    </div>
  );
}

/** Starting points for first-time users; they disappear once the customer has said something. */
function Suggestions({ onPick }: { onPick: (text: string) => void }) {
  const started = useChat((s) => s.messages.some((m) => m.role === "user"));
  const sending = useChat((s) => s.sending);
  const categories = useCatalog((s) => s.categories);
  const suggestions = useMemo(
    () => [
      ...categories
        .filter((c) => c.product_count > 0)
        .slice(0, 3)
        .map((c) => `Show me ${c.name.toLowerCase()}`),
      "Show my cart",
      "What can you do?",
    ],
    [categories],
  );
  if (started) return null;
  return (
    <div className="suggestions" role="group" aria-label="Suggestions">
      <SparkIcon />
      {suggestions.map((s) => (
        <button key={s} type="button" className="chip" disabled={sending} onClick={() => onPick(s)}>
          {s}
        </button>
      ))}
    </div>
  );
}

function Composer({
  draft,
  setDraft,
  onSend,
  keyboardOpen,
  toggleKeyboard,
}: {
  draft: string;
  setDraft: (text: string) => void;
  onSend: () => void;
  keyboardOpen: boolean;
  toggleKeyboard: () => void;
}) {
  const { chat } = useStores();
  const sending = useChat((s) => s.sending);
  const error = useChat((s) => s.error);
  const inputId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSend();
  };
  return (
    <>
      <ErrorNote message={error} onDismiss={() => chat.getState().dismissError()} />
      <form className="composer" onSubmit={submit}>
        <label htmlFor={inputId} className="visually-hidden">
          Message
        </label>
        <input
          id={inputId}
          className="composer__input"
          type="text"
          autoComplete="off"
          enterKeyHint="send"
          placeholder="Type your message…"
          maxLength={maxMessageLength}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button
          type="button"
          className="button button--icon button--quiet"
          aria-label={keyboardOpen ? "Hide keyboard" : "Show keyboard"}
          aria-expanded={keyboardOpen}
          onClick={toggleKeyboard}
        >
          <KeyboardIcon />
        </button>
        <button
          type="submit"
          className="button button--primary composer__send"
          disabled={!draft.trim() || sending}
          aria-busy={sending || undefined}
        >
          <SendIcon />
          <span>Send</span>
        </button>
      </form>
    </>
  );
}

/** The cart at a glance beside the conversation (landscape only: portrait has no room to spare). */
function CartGlance() {
  const itemCount = useCart((s) => s.itemCount);
  const total = useCart((s) => s.total);
  const { money, count } = useShopFormat();
  return (
    <section className="cart-glance" aria-labelledby="cart-glance-title">
      <CartIcon size={40} />
      <div>
        <h2 id="cart-glance-title">Your cart</h2>
        <p>
          {itemCount === 0 ? "Nothing yet" : `${count(itemCount, nouns.item)}, `}
          {itemCount > 0 && <strong>{money(total)}</strong>}
        </p>
      </div>
      <GoButton to={{ name: "cart" }}>Open cart</GoButton>
    </section>
  );
}
