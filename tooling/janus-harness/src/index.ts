export {
  RENDER_SCRIPT,
  generateJanusSecrets,
  janusConfigEnv,
  janusConfigOptionsSchema,
  janusSecretsSchema,
  renderJanusConfig,
  type JanusConfigOptions,
  type JanusSecrets,
} from "./janus-config";
export {
  currentNamespaceIceInterface,
  namespaceUnsupportedReason,
  startNamespace,
  type NetworkNamespace,
  type StartNamespaceOptions,
} from "./namespace";
export { JANUS_BINARY, startJanus, type JanusInstance, type StartJanusOptions } from "./start-janus";
export { CHROMIUM_FLAGS, launchChromium, type ChromiumOptions } from "./chromium";
