import type { ReactNode } from "react";

/** A column's header cell: `scope="col"` tells screen readers which column each cell below it is in. */
export function Th({ className, children }: { className?: string; children: ReactNode }) {
  return (
    <th scope="col" className={className}>
      {children}
    </th>
  );
}
