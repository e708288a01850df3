import { MinusIcon, PlusIcon } from "./icons.js";

interface QuantityStepperProps {
  value: number;
  onChange: (quantity: number) => void;
  /** What is being counted, for the buttons' names ("Decrease quantity of Balloon Bouquet"). */
  label: string;
  min?: number;
  /** The cart's per-line maximum (app-status `max_quantity_per_line`): "+" stops there. */
  max: number;
  disabled?: boolean;
}

/** Big minus / number / plus buttons: a touch screen has no spin box worth using. */
export function QuantityStepper({
  value,
  onChange,
  label,
  min = 1,
  max,
  disabled = false,
}: QuantityStepperProps) {
  return (
    <div className="stepper" role="group" aria-label={`Quantity of ${label}`}>
      <button
        type="button"
        className="stepper__button"
        aria-label={`Decrease quantity of ${label}`}
        disabled={disabled || value <= min}
        onClick={() => onChange(value - 1)}
      >
        <MinusIcon />
      </button>
      <output className="stepper__value" aria-live="polite" aria-label={`Quantity: ${value}`}>
        {value}
      </output>
      <button
        type="button"
        className="stepper__button"
        aria-label={`Increase quantity of ${label}`}
        disabled={disabled || value >= max}
        onClick={() => onChange(value + 1)}
      >
        <PlusIcon />
      </button>
    </div>
  );
}
