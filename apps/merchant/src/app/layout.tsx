import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";

import "./globals.css";

import { Providers } from "./providers";

export const metadata: Metadata = {
  title: { default: "Lastmile Kitchen", template: "%s · Lastmile Kitchen" },
  description: "Run your restaurant's deliveries: live orders, menu, store and earnings.",
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
