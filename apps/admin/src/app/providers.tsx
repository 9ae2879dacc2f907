"use client";
import type { ReactNode } from "react";

import { TRPCReactProvider } from "@lastmile/api/react";

export function Providers({ children }: { children: ReactNode }) {
  return <TRPCReactProvider portal="admin">{children}</TRPCReactProvider>;
}
