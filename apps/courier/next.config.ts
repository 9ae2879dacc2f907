import { withLastmile } from "@lastmile/next-config";

export default withLastmile({
  // The service worker must be re-checked on every visit so a new version reaches phones.
  async headers() {
    return [
      {
        source: "/sw.js",
        headers: [{ key: "Cache-Control", value: "no-cache, no-store, must-revalidate" }],
      },
    ];
  },
});
