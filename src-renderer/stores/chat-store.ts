import { createStore, type StoreApi } from "zustand/vanilla";
import type {
  AssistantAction,
  AssistantMode,
  AssistantReply,
  ChatMessage,
} from "../../src-shared/assistant.js";
import type { KioskApi } from "../../src-shared/contract.js";
import { errorMessage } from "./error-message.js";

/** One message as the conversation shows it; ids are local and only key the list. */
export type ChatEntry =
  | { id: string; role: "user"; content: string }
  | {
      id: string;
      role: "assistant";
      content: string;
      mode: AssistantMode;
      toolsUsed: string[];
      action?: AssistantAction;
    };

export interface ChatState {
  messages: ChatEntry[];
  /** A message is on its way and the reply has not come back yet. */
  sending: boolean;
  /** The reply's text as it streams in (`chat-token`), until the whole reply arrives. */
  streamingText: string;
  error: string | null;
}

export interface ChatActions {
  /** Resolves false when nothing was sent or it failed: the caller then keeps the typed text. */
  sendMessage(text: string): Promise<boolean>;
  /** A streamed piece of the reply being written. */
  receiveToken(text: string): void;
  /** Restores the conversation of a resumed session (after an app restart). */
  loadHistory(): Promise<boolean>;
  dismissError(): void;
  reset(): void;
}

export type ChatStore = ChatState & ChatActions;

export const initialChatState: ChatState = {
  messages: [],
  sending: false,
  streamingText: "",
  error: null,
};

let nextId = 0;
const newId = () => `m${++nextId}`;

export function toChatEntry(message: ChatMessage | AssistantReply): ChatEntry {
  if (message.role === "user") return { id: newId(), role: "user", content: message.content };
  return {
    id: newId(),
    role: "assistant",
    content: message.content,
    mode: message.metadata.mode,
    toolsUsed: message.metadata.tools_used,
    ...(message.metadata.action ? { action: message.metadata.action } : {}),
  };
}

export function createChatStore({ api }: { api: KioskApi }): StoreApi<ChatStore> {
  /** Bumped by reset(): a reply to the previous customer's message must not land in the next one's chat. */
  let generation = 0;

  return createStore<ChatStore>()((set, get) => ({
    ...initialChatState,

    async sendMessage(text) {
      const message = text.trim();
      if (!message || get().sending) return false;
      const sentIn = generation;
      const before = get().messages;
      const userEntry: ChatEntry = { id: newId(), role: "user", content: message };
      set({ messages: [...before, userEntry], sending: true, streamingText: "", error: null });
      try {
        const reply = await api.request("chat-send", { message });
        if (sentIn !== generation) return false;
        set({ messages: [...get().messages, toChatEntry(reply)], sending: false, streamingText: "" });
        return true;
      } catch (error) {
        if (sentIn !== generation) return false;
        // The conversation goes back to how it was; the composer keeps the text to try again.
        set({
          messages: get().messages.filter((m) => m !== userEntry),
          sending: false,
          streamingText: "",
          error: errorMessage(error),
        });
        return false;
      }
    },

    receiveToken(text) {
      if (!get().sending) return;
      set({ streamingText: get().streamingText + text });
    },

    async loadHistory() {
      const loadedIn = generation;
      try {
        const { messages } = await api.request("chat-history", {});
        if (loadedIn !== generation || get().messages.length > 0) return true;
        set({ messages: messages.map(toChatEntry) });
        return true;
      } catch (error) {
        if (loadedIn === generation) set({ error: errorMessage(error) });
        return false;
      }
    },

    dismissError() {
      set({ error: null });
    },

    reset() {
      generation++;
      set(initialChatState);
    },
  }));
}
