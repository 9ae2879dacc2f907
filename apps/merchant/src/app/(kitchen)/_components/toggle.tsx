"use client";
// An on/off switch big enough for a thumb: a real button with role="switch", so keyboards and
// screen readers get "Available, switch, on".
export function Toggle({
  checked,
  onChange,
  label,
  onText = "On",
  offText = "Off",
  disabled,
  pending,
}: {
  checked: boolean;
  onChange: (next: boolean) => void;
  /** The accessible name: what is being switched. */
  label: string;
  onText?: string;
  offText?: string;
  disabled?: boolean;
  pending?: boolean;
}) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      aria-busy={pending || undefined}
      disabled={disabled || pending}
      onClick={() => onChange(!checked)}
      className="group inline-flex min-h-12 shrink-0 items-center gap-2 rounded-xl px-2 text-base font-semibold disabled:opacity-60"
    >
      <span
        aria-hidden
        className={`relative inline-block h-8 w-14 rounded-full transition-colors ${checked ? "bg-brand-700" : "bg-slate-400"}`}
      >
        <span
          className={`absolute top-1 size-6 rounded-full bg-white shadow transition-all ${checked ? "left-7" : "left-1"}`}
        />
      </span>
      <span className={`w-20 text-left ${checked ? "text-brand-900" : "text-rose-800"}`} aria-hidden>
        {checked ? onText : offText}
      </span>
    </button>
  );
}
