// planChain: the only place that decides the order of connect steps for a target.
import type { ConnectOptions, ConnectStep } from './connect-types.js';
import { createDnsStep } from './dns-step.js';
import { createTcpStep } from './tcp-step.js';
import { createTlsStep } from './tls-step.js';

export function planChain(options: ConnectOptions): ConnectStep[] {
  const steps = [createDnsStep(), createTcpStep()];
  if (options.tls) steps.push(createTlsStep(options.tls));
  return steps;
}
