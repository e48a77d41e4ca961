// The spec of a request qurl makes for itself inside a run (a timing rehearsal, a DoH lookup): the user's
// connection settings and request shape (method, -H), none of the rest — no credentials, body, cookies,
// files, outputs, -w, redirects, retries or transfer control.
import type { RequestSpec } from './request-spec.js';

export function innerSpec(spec: RequestSpec, url: string): RequestSpec {
  return {
    ...spec,
    urls: [{ url }],
    user: undefined, bearer: undefined, netrcFile: undefined,
    data: [], form: [], get: false, warnings: [], urlQuery: [], requestTarget: undefined,
    dumpHeader: undefined, outputDir: undefined, createDirs: false,
    traceFile: undefined, traceFrames: undefined, writeOut: undefined, timing: false,
    fail: 'none', location: false, cert: undefined, key: undefined,
    cookies: { literals: [], files: [], junkSession: false, engine: false },
    altSvc: undefined, hsts: undefined, dohUrl: undefined, parallel: false,
    retry: { ...spec.retry, count: 0 }, resume: undefined, timeCondition: undefined, limitRate: undefined, speedLimit: undefined,
    outputFiles: { noClobber: false, removeOnError: false, remoteTime: false, remoteHeaderName: false },
  };
}
