import "server-only";
export { listActiveStations, getStationById, getStationBySlug, listAllStations } from "./queries";
export { createStation, updateStation, setStationStatus, updateStationHours } from "./manage-stations";
export { getManagedStations } from "./manager-workspace";
export { localDate, addDays, zonedInstant } from "./schedule";
