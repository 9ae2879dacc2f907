import type { ReactNode } from "react";

export function Stat({
  label,
  value,
  hint,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
}) {
  return (
    <div
      role="group"
      aria-label={label}
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="mt-1 text-3xl font-semibold tabular-nums tracking-tight text-slate-900">
        {value}
      </dd>
      {hint ? <dd className="mt-1 text-sm text-slate-500">{hint}</dd> : null}
    </div>
  );
}
