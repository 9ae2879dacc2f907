// The floor under every portal's figures: a Next.js page with nothing of ours in it, built and
// served the way the portals are. What Lighthouse counts here is the framework's own first visit.
export const metadata = { title: "Blank page" };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
