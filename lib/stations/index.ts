import "server-only";
export { listActiveStations, getStationById } from "./queries";
export { getManagedStations } from "./manager-workspace";
