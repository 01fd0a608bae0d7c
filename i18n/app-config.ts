/**
 * next-intl's types for this app (https://next-intl.dev/docs/workflows/typescript): the locales, the message
 * catalog and the named formats. A key that is not in the catalog, a namespace that does not exist or a format name
 * that is not in lib/i18n/formats.ts fails `tsc`; getLocale() and useLocale() return `Locale`.
 *
 * The Chinese catalog is the reference (the default locale); lib/i18n/catalog.test.ts checks that messages/en has
 * the same keys and that every namespace file is listed here. A new namespace is one file per locale plus one line
 * in each list below.
 */
import type { formats } from "@/lib/i18n/formats";
import type { Locale as AppLocale } from "@/lib/i18n/locales";
import type account from "@/messages/zh-CN/account.json";
import type apply from "@/messages/zh-CN/apply.json";
import type adminReview from "@/messages/zh-CN/adminReview.json";
import type adminAudit from "@/messages/zh-CN/adminAudit.json";
import type coopTeam from "@/messages/zh-CN/coopTeam.json";
import type accountRecovery from "@/messages/zh-CN/accountRecovery.json";
import type agreements from "@/messages/zh-CN/agreements.json";
import type admin from "@/messages/zh-CN/admin.json";
import type adminStations from "@/messages/zh-CN/adminStations.json";
import type auth from "@/messages/zh-CN/auth.json";
import type cart from "@/messages/zh-CN/cart.json";
import type catalog from "@/messages/zh-CN/catalog.json";
import type categories from "@/messages/zh-CN/categories.json";
import type certifications from "@/messages/zh-CN/certifications.json";
import type checkout from "@/messages/zh-CN/checkout.json";
import type common from "@/messages/zh-CN/common.json";
import type coopCampaigns from "@/messages/zh-CN/coopCampaigns.json";
import type coopCatalog from "@/messages/zh-CN/coopCatalog.json";
import type coopOrders from "@/messages/zh-CN/coopOrders.json";
import type coopOverview from "@/messages/zh-CN/coopOverview.json";
import type coopPage from "@/messages/zh-CN/coopPage.json";
import type coopTeamDeals from "@/messages/zh-CN/coopTeamDeals.json";
import type coopWs from "@/messages/zh-CN/coopWs.json";
import type errorPage from "@/messages/zh-CN/errorPage.json";
import type errors from "@/messages/zh-CN/errors.json";
import type fieldErrors from "@/messages/zh-CN/fieldErrors.json";
import type finance from "@/messages/zh-CN/finance.json";
import type reports from "@/messages/zh-CN/reports.json";
import type adminFinance from "@/messages/zh-CN/adminFinance.json";
import type groupBuys from "@/messages/zh-CN/groupBuys.json";
import type home from "@/messages/zh-CN/home.json";
import type live from "@/messages/zh-CN/live.json";
import type meta from "@/messages/zh-CN/meta.json";
import type nav from "@/messages/zh-CN/nav.json";
import type notFound from "@/messages/zh-CN/notFound.json";
import type notifications from "@/messages/zh-CN/notifications.json";
import type orderStatus from "@/messages/zh-CN/orderStatus.json";
import type orders from "@/messages/zh-CN/orders.json";
import type pickList from "@/messages/zh-CN/pickList.json";
import type product from "@/messages/zh-CN/product.json";
import type productPage from "@/messages/zh-CN/productPage.json";
import type stationConsole from "@/messages/zh-CN/stationConsole.json";
import type stations from "@/messages/zh-CN/stations.json";
import type stationsPage from "@/messages/zh-CN/stationsPage.json";
import type streamer from "@/messages/zh-CN/streamer.json";
import type streamerGuide from "@/messages/zh-CN/streamerGuide.json";
import type teams from "@/messages/zh-CN/teams.json";
import type titles from "@/messages/zh-CN/titles.json";
import type workspace from "@/messages/zh-CN/workspace.json";

/** The catalog's shape: one entry per messages/<locale>/<namespace>.json. */
export type Catalog = {
  account: typeof account;
  apply: typeof apply;
  adminReview: typeof adminReview;
  adminAudit: typeof adminAudit;
  coopTeam: typeof coopTeam;
  accountRecovery: typeof accountRecovery;
  agreements: typeof agreements;
  admin: typeof admin;
  adminStations: typeof adminStations;
  auth: typeof auth;
  cart: typeof cart;
  catalog: typeof catalog;
  categories: typeof categories;
  certifications: typeof certifications;
  checkout: typeof checkout;
  common: typeof common;
  coopCampaigns: typeof coopCampaigns;
  coopCatalog: typeof coopCatalog;
  coopOrders: typeof coopOrders;
  coopOverview: typeof coopOverview;
  coopPage: typeof coopPage;
  coopTeamDeals: typeof coopTeamDeals;
  coopWs: typeof coopWs;
  errorPage: typeof errorPage;
  errors: typeof errors;
  fieldErrors: typeof fieldErrors;
  finance: typeof finance;
  reports: typeof reports;
  adminFinance: typeof adminFinance;
  groupBuys: typeof groupBuys;
  home: typeof home;
  live: typeof live;
  meta: typeof meta;
  nav: typeof nav;
  notFound: typeof notFound;
  notifications: typeof notifications;
  orderStatus: typeof orderStatus;
  orders: typeof orders;
  pickList: typeof pickList;
  product: typeof product;
  productPage: typeof productPage;
  stationConsole: typeof stationConsole;
  stations: typeof stations;
  stationsPage: typeof stationsPage;
  streamer: typeof streamer;
  streamerGuide: typeof streamerGuide;
  teams: typeof teams;
  titles: typeof titles;
  workspace: typeof workspace;
};

declare module "next-intl" {
  interface AppConfig {
    Locale: AppLocale;
    Messages: Catalog;
    Formats: typeof formats;
  }
}
