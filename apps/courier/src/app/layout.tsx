import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";

import "./globals.css";

import { ServiceWorker } from "./_components/service-worker";
import { Providers } from "./providers";

export const metadata: Metadata = {
  title: { default: "Lastmile Courier", template: "%s · Lastmile Courier" },
  description: "Go on duty, take offers and deliver — from your phone.",
  applicationName: "Lastmile Courier",
  appleWebApp: { capable: true, title: "Courier", statusBarStyle: "default" },
  icons: { icon: "/icons/icon.svg", apple: "/icons/icon-192.png" },
};

export const viewport: Viewport = {
  themeColor: "#0f766e",
  width: "device-width",
  initialScale: 1,
  viewportFit: "cover",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="antialiased">
        <Providers>{children}</Providers>
        <ServiceWorker />
      </body>
    </html>
  );
}
