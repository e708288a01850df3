/**
 * The sound of a new order: two short rising tones, made with Web Audio (no sound file to load,
 * nothing for the Content-Security-Policy to allow). Browsers let a page play sound only after a
 * person has used it, so `primeChime` runs on sign-in; where there is no audio (tests, a terminal
 * without speakers) it is silent.
 */

type AudioContextConstructor = new () => AudioContext;

let context: AudioContext | undefined;

function audio(): AudioContext | undefined {
  const Ctor = (globalThis as { AudioContext?: AudioContextConstructor }).AudioContext;
  if (!Ctor) return undefined;
  try {
    context ??= new Ctor();
  } catch {
    return undefined;
  }
  return context;
}

export function primeChime(): void {
  void audio()
    ?.resume()
    .catch(() => {});
}

export function playArrivalChime(): void {
  const ctx = audio();
  if (!ctx) return;
  void ctx.resume().catch(() => {});
  const start = ctx.currentTime;
  [880, 1320].forEach((frequency, i) => {
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.type = "sine";
    oscillator.frequency.value = frequency;
    const at = start + i * 0.18;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.16);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.start(at);
    oscillator.stop(at + 0.17);
  });
}
