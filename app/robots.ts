import type { MetadataRoute } from "next";

// Shop pages may be indexed; workspaces, accounts and APIs may not.
export default function robots(): MetadataRoute.Robots {
  return {
    rules: {
      userAgent: "*",
      allow: ["/", "/products", "/coops", "/stations", "/live", "/group-buys"],
      disallow: ["/api/", "/coop", "/station", "/streamer", "/admin", "/account", "/orders", "/cart", "/checkout"],
    },
  };
}
