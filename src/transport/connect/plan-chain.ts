// planChain: the only place that decides the order of connect steps for a target.
import type { ConnectOptions, ConnectStep } from './connect-types.js';
import { createDnsStep } from './dns-step.js';
import { createTcpStep } from './tcp-step.js';

export async function planChain(options: ConnectOptions): Promise<ConnectStep[]> {
  const steps = [createDnsStep(), createTcpStep()];
  if (options.tls) {
    // node:tls is loaded only for https targets (start-up cost for plain http).
    const { createTlsStep } = await import('./tls-step.js');
    steps.push(createTlsStep(options.tls));
  }
  return steps;
}
