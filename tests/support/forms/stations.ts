// The station use cases as the admin's and the manager's actions reach them: the form parsed by the contract's
// schema first (a ZodError rejects where the transport answers VALIDATION).
import * as c from "../../../lib/stations/contract";
import * as manage from "../../../lib/stations/manage-stations";
import { parsed } from "../parse";

export const createStation = parsed(c.createStationInput, manage.createStation);
export const updateStation = parsed(c.updateStationInput, manage.updateStation);
export const setStationStatus = parsed(c.stationStatusInput, manage.setStationStatus);
export const updateStationHours = parsed(c.stationHoursInput, manage.updateStationHours);
