// The Expect wrapper of the exchange chain: a 417 Expectation Failed to qurl's own Expect: 100-continue sends
// the request once more without it, and the rest of the transfer goes without it too, as curl 7.88 does.
import { drainResponse, type HopWrapper } from './exchange-chain.js';

export function retryWithoutExpect(): HopWrapper {
  let refused = false;
  return (next) => async (hop) => {
    const res = await next(refused ? { ...hop, expectContinue: false } : hop);
    if (res.head.status !== 417 || !res.askedContinue || refused || !hop.expectContinue) return res;
    refused = true;
    await drainResponse(res);
    return next({ ...hop, expectContinue: false });
  };
}
