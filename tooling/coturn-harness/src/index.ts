export { startCoturn, COTURN_ENTRYPOINT, COTURN_TEMPLATE, type CoturnServer, type StartCoturnOptions } from "./start-coturn";
export { turnRestCredentials, type TurnCredentials } from "./turn-credentials";
