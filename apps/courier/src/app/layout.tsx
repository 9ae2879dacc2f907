import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";

import "./globals.css";

import { Providers } from "./providers";

export const metadata: Metadata = {
  title: { default: "Lastmile Courier", template: "%s · Lastmile Courier" },
  description: "Go on duty, take offers and deliver — from your phone.",
};

export const viewport: Viewport = { themeColor: "#0f766e", width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
