import { useEffect, useRef, useState } from "react";
import Keyboard, { type SimpleKeyboard } from "react-simple-keyboard";
import "react-simple-keyboard/build/css/index.css";

const textLayout = {
  default: [
    "1 2 3 4 5 6 7 8 9 0 {bksp}",
    "q w e r t y u i o p",
    "a s d f g h j k l '",
    "{shift} z x c v b n m , . ?",
    "{space} {enter}",
  ],
  shift: [
    "! @ # $ % & * ( ) - {bksp}",
    "Q W E R T Y U I O P",
    'A S D F G H J K L "',
    "{shift} Z X C V B N M ; : ?",
    "{space} {enter}",
  ],
};

/** For a phone number: digits, the + of the country code, and a space to group digits. */
const phoneLayout = {
  default: ["1 2 3", "4 5 6", "7 8 9", "+ 0 {bksp}", "{space} {enter}"],
  shift: ["1 2 3", "4 5 6", "7 8 9", "+ 0 {bksp}", "{space} {enter}"],
};

interface OnScreenKeyboardProps {
  /** Names the keyboard for assistive tech: "Keyboard for the message". */
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The wide key on the right: "Send" for the chat, "Done" for search. */
  enterLabel: string;
  onEnter: () => void;
  maxLength?: number;
  /** "phone" shows digits and + only. */
  kind?: "text" | "phone";
}

/**
 * Kiosks have no physical keyboard. The keys are real <button>s (keyboard operable, named by their
 * text) and type at the end of the text, so the field's value is the only state to keep in sync.
 */
export function OnScreenKeyboard({
  label,
  value,
  onChange,
  enterLabel,
  onEnter,
  maxLength,
  kind = "text",
}: OnScreenKeyboardProps) {
  const layout = kind === "phone" ? phoneLayout : textLayout;
  const keyboard = useRef<SimpleKeyboard | null>(null);
  const [layoutName, setLayoutName] = useState<"default" | "shift">("default");

  // The field may change without the keyboard (a physical keyboard, a suggestion chip, cleared after send).
  useEffect(() => {
    if (keyboard.current && keyboard.current.getInput() !== value) keyboard.current.setInput(value);
  }, [value]);

  return (
    <div className={`osk osk--${kind}`} role="group" aria-label={label}>
      <Keyboard
        keyboardRef={(instance: SimpleKeyboard) => {
          keyboard.current = instance;
        }}
        theme="hg-theme-default osk__keys"
        layout={layout}
        layoutName={layoutName}
        display={{ "{bksp}": "Delete", "{shift}": "Shift", "{space}": "Space", "{enter}": enterLabel }}
        buttonTheme={[
          { class: "osk__key--wide", buttons: "{space}" },
          { class: "osk__key--action", buttons: `{enter}` },
          { class: "osk__key--mod", buttons: "{bksp} {shift}" },
        ]}
        buttonAttributes={[
          { attribute: "type", value: "button", buttons: layout.default.concat(layout.shift).join(" ") },
          { attribute: "aria-pressed", value: String(layoutName === "shift"), buttons: "{shift}" },
        ]}
        useButtonTag
        disableCaretPositioning
        preventMouseDownDefault
        disableButtonHold
        {...(maxLength ? { maxLength } : {})}
        onChange={(input: string) => onChange(input)}
        onKeyPress={(button: string) => {
          if (button === "{shift}") setLayoutName((name) => (name === "default" ? "shift" : "default"));
          else if (button === "{enter}") onEnter();
          else if (layoutName === "shift" && !button.startsWith("{")) setLayoutName("default");
        }}
      />
    </div>
  );
}
