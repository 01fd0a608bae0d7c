export { receiveStock, adjustStock, movementHistory } from "./manage-stock";
