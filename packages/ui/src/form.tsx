"use client";
// Accessible form pieces: every control has a visible label, hints and errors are tied to it
// with aria-describedby, invalid fields say so (aria-invalid), and alerts take focus so screen
// readers and keyboards land on what just happened.
import type {
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  ButtonHTMLAttributes,
} from "react";
import { useEffect, useId, useRef, useState } from "react";

export type TFieldProps = {
  label: string;
  hint?: ReactNode;
  error?: string | null;
  /** Wider slot on the right of the label (e.g. "Forgot password?"). */
  labelAside?: ReactNode;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "id">;

const inputClass =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2.5 text-base text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-brand-600 aria-[invalid=true]:border-red-600 aria-[invalid=true]:bg-red-50/40 disabled:bg-slate-100";

function useDescribedBy(hint: ReactNode, error: string | null | undefined) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return {
    id,
    hintId,
    errorId,
    describedBy: [errorId, hintId].filter(Boolean).join(" ") || undefined,
  };
}

function Label({ htmlFor, label, aside }: { htmlFor: string; label: string; aside?: ReactNode }) {
  return (
    <div className="mb-1.5 flex items-baseline justify-between gap-3">
      <label htmlFor={htmlFor} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      {aside ? <span className="text-sm">{aside}</span> : null}
    </div>
  );
}

function Messages({
  hint,
  hintId,
  error,
  errorId,
}: {
  hint?: ReactNode;
  hintId?: string;
  error?: string | null;
  errorId?: string;
}) {
  return (
    <>
      {error ? (
        <p id={errorId} className="mt-1.5 flex gap-1.5 text-sm font-medium text-red-700">
          <span aria-hidden>⚠</span>
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={hintId} className="mt-1.5 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
    </>
  );
}

export function Field({ label, hint, error, labelAside, className, ...input }: TFieldProps) {
  const d = useDescribedBy(hint, error);
  return (
    <div className={className}>
      <Label htmlFor={d.id} label={label} aside={labelAside} />
      <input
        id={d.id}
        className={inputClass}
        aria-invalid={error ? true : undefined}
        aria-describedby={d.describedBy}
        {...input}
      />
      <Messages hint={hint} hintId={d.hintId} error={error} errorId={d.errorId} />
    </div>
  );
}

/** A password input with a button that shows what was typed (instead of a "repeat" field). */
export function PasswordField({
  label,
  hint,
  error,
  labelAside,
  className,
  ...input
}: TFieldProps) {
  const d = useDescribedBy(hint, error);
  const [shown, setShown] = useState(false);
  return (
    <div className={className}>
      <Label htmlFor={d.id} label={label} aside={labelAside} />
      <div className="relative">
        <input
          id={d.id}
          type={shown ? "text" : "password"}
          className={`${inputClass} pr-20`}
          aria-invalid={error ? true : undefined}
          aria-describedby={d.describedBy}
          autoCapitalize="none"
          spellCheck={false}
          {...input}
        />
        <button
          type="button"
          onClick={() => setShown((s) => !s)}
          aria-controls={d.id}
          aria-pressed={shown}
          className="absolute inset-y-1 right-1 rounded-md px-3 text-sm font-medium text-brand-700 hover:bg-brand-50"
        >
          {shown ? "Hide" : "Show"}
          <span className="sr-only"> password</span>
        </button>
      </div>
      <Messages hint={hint} hintId={d.hintId} error={error} errorId={d.errorId} />
    </div>
  );
}

export function SelectField({
  label,
  hint,
  error,
  className,
  children,
  ...select
}: {
  label: string;
  hint?: ReactNode;
  error?: string | null;
  children: ReactNode;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, "id">) {
  const d = useDescribedBy(hint, error);
  return (
    <div className={className}>
      <Label htmlFor={d.id} label={label} />
      <select
        id={d.id}
        className={inputClass}
        aria-invalid={error ? true : undefined}
        aria-describedby={d.describedBy}
        {...select}
      >
        {children}
      </select>
      <Messages hint={hint} hintId={d.hintId} error={error} errorId={d.errorId} />
    </div>
  );
}

const BUTTON = {
  primary:
    "bg-brand-700 text-white shadow-sm hover:bg-brand-900 disabled:bg-brand-500 disabled:text-white",
  secondary:
    "bg-white text-slate-900 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 disabled:text-slate-500",
} as const;

export function Button({
  variant = "primary",
  pending = false,
  pendingLabel,
  children,
  className,
  ...button
}: {
  variant?: keyof typeof BUTTON;
  pending?: boolean;
  /** What the button says while busy, e.g. "Signing in…". */
  pendingLabel?: string;
} & ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button
      className={`inline-flex w-full items-center justify-center gap-2 rounded-lg px-4 py-2.5 text-base font-semibold transition-colors ${BUTTON[variant]} ${className ?? ""}`}
      disabled={pending || button.disabled}
      aria-busy={pending || undefined}
      {...button}
    >
      {pending ? (
        <span
          aria-hidden
          className="size-4 animate-spin rounded-full border-2 border-current border-r-transparent motion-reduce:animate-none"
        />
      ) : null}
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}

const ALERT = {
  error: { box: "border-red-200 bg-red-50 text-red-900", icon: "⚠" },
  success: { box: "border-emerald-200 bg-emerald-50 text-emerald-900", icon: "✓" },
  info: { box: "border-sky-200 bg-sky-50 text-sky-900", icon: "ℹ" },
} as const;

/**
 * A message about the whole form. Errors are `role="alert"` (announced at once), others
 * `role="status"`; with `autoFocus` it takes focus whenever its text changes.
 */
export function FormAlert({
  tone,
  title,
  children,
  autoFocus = true,
}: {
  tone: keyof typeof ALERT;
  title?: string;
  children: ReactNode;
  autoFocus?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (autoFocus) ref.current?.focus();
  }, [autoFocus, title, children]);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role={tone === "error" ? "alert" : "status"}
      className={`flex gap-3 rounded-lg border p-3 text-sm leading-relaxed ${ALERT[tone].box}`}
    >
      <span aria-hidden className="mt-px font-bold">
        {ALERT[tone].icon}
      </span>
      <div>
        {title ? <p className="font-semibold">{title}</p> : null}
        <div>{children}</div>
      </div>
    </div>
  );
}

export const linkClass =
  "font-medium text-brand-700 underline decoration-brand-500/40 underline-offset-2 hover:decoration-brand-700";

/** "or" between two ways of doing the same thing. */
export function Divider({ children }: { children: ReactNode }) {
  return (
    <div className="my-6 flex items-center gap-3 text-sm text-slate-500">
      <span className="h-px flex-1 bg-slate-200" />
      {children}
      <span className="h-px flex-1 bg-slate-200" />
    </div>
  );
}
