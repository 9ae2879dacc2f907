// Building blocks sized for a thumb on a phone in daylight: 56 px targets, strong contrast.
import type { ComponentProps, ReactNode } from "react";

const TONES = {
  primary: "bg-brand-700 text-white hover:bg-brand-900 disabled:bg-slate-400",
  danger: "bg-red-700 text-white hover:bg-red-800 disabled:bg-slate-400",
  secondary:
    "bg-white text-slate-900 ring-2 ring-slate-900 hover:bg-slate-100 disabled:text-slate-500 disabled:ring-slate-300",
  quiet: "bg-slate-100 text-slate-900 hover:bg-slate-200 disabled:text-slate-500",
} as const;

export function BigButton({
  tone = "primary",
  className,
  children,
  ...rest
}: ComponentProps<"button"> & { tone?: keyof typeof TONES }) {
  return (
    <button
      type="button"
      {...rest}
      className={`min-h-14 w-full rounded-xl px-4 py-3 text-lg font-bold focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:cursor-not-allowed ${TONES[tone]} ${className ?? ""}`}
    >
      {children}
    </button>
  );
}

export function Card({
  title,
  children,
  className,
  labelledBy,
}: {
  title?: ReactNode;
  children: ReactNode;
  className?: string;
  labelledBy?: string;
}) {
  return (
    <section
      aria-labelledby={labelledBy}
      className={`rounded-2xl border border-slate-300 bg-white p-4 shadow-sm ${className ?? ""}`}
    >
      {title ? (
        <h2 id={labelledBy} className="mb-3 text-xl font-bold text-slate-950">
          {title}
        </h2>
      ) : null}
      {children}
    </section>
  );
}

/** A plain, prominent message: errors and conflicts are alerts, the rest polite statuses. */
export function Notice({
  tone,
  children,
  role,
}: {
  tone: "error" | "warning" | "info" | "success";
  children: ReactNode;
  role?: "alert" | "status";
}) {
  const look = {
    error: "border-red-700 bg-red-50 text-red-900",
    warning: "border-amber-600 bg-amber-50 text-amber-950",
    info: "border-sky-700 bg-sky-50 text-sky-950",
    success: "border-brand-700 bg-brand-50 text-brand-900",
  }[tone];
  return (
    <div
      role={role ?? (tone === "error" ? "alert" : "status")}
      className={`rounded-xl border-l-8 p-3 text-base ${look}`}
    >
      {children}
    </div>
  );
}
