export { planChain } from './plan-chain.js';
export { openChain } from './open-chain.js';
export type {
  ConnectTarget,
  ConnectOptions,
  ConnectContext,
  ConnectStep,
  ConnectionChain,
  Endpoint,
  ProxyHop,
  ProxyScheme,
  ResolveOverride,
  StepInfo,
  TlsSettings,
} from './connect-types.js';
