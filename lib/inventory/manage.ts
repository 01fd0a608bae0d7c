export { receiveStock } from "./receive-stock";
export { adjustStock } from "./adjust-stock";
export { movementHistory } from "./movement-history";
