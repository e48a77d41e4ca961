// toRequestSpec: raw option values → a frozen, validated RequestSpec (clear errors, curl's exit codes 2 and 3).
import { QurlError } from '../errors/index.js';
import {
  parseConnectToEntry,
  parseResolveEntry,
  secret,
  type CookieOptions,
  type DataPart,
  type HeaderArg,
  type RequestSpec,
  type RetryOptions,
} from '../engine/index.js';
import { accessSync, constants, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Secret } from '../engine/index.js';
import { parseFormArg } from './form-args.js';
import { promptPassword } from './password-prompt.js';
import { parseSizeArg } from './size-arg.js';
import { parseDuration } from './duration-arg.js';
import { etagCompareHeader, limitRate, rangeHeader, resumeOffset, speedLimit, timeCondition, timeConditionHeader } from './transfer-control-args.js';
import { expandHeaderArgs } from './header-args.js';
import type { ParsedArgv } from './parse-argv.js';
import { socketArgs } from './socket-args.js';
import { tlsArgs } from './tls-args.js';
import { urlJobs } from './url-jobs.js';

const DATA_KINDS = [
  ['data', 'data'],
  ['dataAscii', 'data'],
  ['dataRaw', 'data-raw'],
  ['dataBinary', 'data-binary'],
  ['dataUrlencode', 'data-urlencode'],
  ['json', 'json'],
] as const;

const DEFAULT_H2_KEEPALIVE_S = 60;
const DEFAULT_H2_KEEPALIVE_TIMEOUT_S = 20;

const PROXY_VARIABLES = /^(http_proxy|https_proxy|all_proxy|no_proxy)$/i;

function proxyEnvironment(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => PROXY_VARIABLES.test(e[0]) && e[1] !== undefined));
}

function parallelMax(v: unknown): number {
  if (v === undefined) return 50;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 300) throw new QurlError('bad-option', '--parallel-max needs a whole number from 1 to 300');
  return v;
}

function list(v: unknown): string[] {
  return Array.isArray(v) ? (v as string[]) : [];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** curl's -b rule: with a `=` it is cookie data, without one a file name (and "" only turns the engine on). */
function cookieOptions(v: ParsedArgv['values']): CookieOptions {
  const given = list(v.cookie);
  const literals = given.filter((b) => b.includes('='));
  const files = given.filter((b) => !b.includes('=') && b !== '');
  for (const l of literals) if (/[\r\n]/.test(l)) throw new QurlError('bad-option', '-b contains CR or LF');
  const jar = str(v.cookieJar);
  return { literals, files, jar, junkSession: v.junkSessionCookies === true, engine: given.some((b) => !b.includes('=')) || jar !== undefined };
}

/** --doh-url must be https:// (as curl); "" turns DoH off again. */
function dohUrlOf(v: string | undefined): string | undefined {
  if (v === undefined || v === '') return undefined;
  if (!/^https:\/\/[^/]/i.test(v)) throw new QurlError('bad-option', `--doh-url needs an https:// URL (got "${v}")`);
  return v;
}

function retryOptions(v: ParsedArgv['values']): RetryOptions {
  const count = v.retry === undefined ? 0 : Number(v.retry);
  if (!Number.isInteger(count) || count < 0) throw new QurlError('bad-option', '--retry needs a whole number of retries (0 or more)');
  const maxTime = v.retryMaxTime === undefined ? 0 : Number(v.retryMaxTime);
  if (!(maxTime >= 0)) throw new QurlError('bad-option', '--retry-max-time needs a number of seconds (0: no bound)');
  return {
    count,
    delayS: typeof v.retryDelay === 'string' ? parseDuration(v.retryDelay, '--retry-delay') / 1000 : 0,
    maxTimeS: maxTime,
    allErrors: v.retryAllErrors === true,
    connRefused: v.retryConnrefused === true,
  };
}

function positive(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || v <= 0) throw new QurlError('bad-option', `${name} needs a positive number of seconds`);
  return v;
}

/** Data args in command-line order cannot be recovered across option kinds; curl joins them in order given per kind. */
/** The file a data part reads (`@file`, or --data-urlencode's `name@file`), if any; '-' is stdin. */
function dataFileOf(part: DataPart): string | undefined {
  if (part.kind === 'data-raw') return undefined;
  if (part.kind !== 'data-urlencode') return part.value.startsWith('@') ? part.value.slice(1) : undefined;
  const at = part.value.indexOf('@');
  const eq = part.value.indexOf('=');
  return at >= 0 && (eq < 0 || at < eq) ? part.value.slice(at + 1) : undefined;
}

/** As curl: a -d @FILE that cannot be read is a warning and sends nothing for that part. */
function dataParts(values: Readonly<Record<string, unknown>>, warnings: string[]): DataPart[] {
  return DATA_KINDS.flatMap(([key, kind]) =>
    list(values[key]).map((value): DataPart => {
      const file = dataFileOf({ kind, value });
      if (file === undefined || file === '-') return { kind, value };
      try {
        accessSync(file, constants.R_OK);
        return { kind, value };
      } catch {
        warnings.push(`Couldn't read data from file "${file}", this makes an empty POST.`);
        return { kind: 'data-raw', value: '' };
      }
    }),
  );
}

function writeOutFormat(v: string | undefined): string | undefined {
  if (v === undefined || !v.startsWith('@')) return v;
  const file = v.slice(1);
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    throw new QurlError('read-file', `cannot read --write-out format from ${file}: ${(err as Error).message}`, { cause: err });
  }
}

function methodConflict(a: string, b: string): never {
  throw new QurlError('bad-option', `You can only select one HTTP request method! You asked for both ${a} and ${b}.`);
}

/** --abstract-unix-socket is the same path with the NUL prefix of Linux's abstract namespace; the last one given wins. */
function unixSocketOf(v: ParsedArgv['values']): string | undefined {
  const path = str(v.unixSocket);
  const abstract = str(v.abstractUnixSocket);
  if (path !== undefined && abstract !== undefined) throw new QurlError('bad-option', '--unix-socket and --abstract-unix-socket cannot be used together');
  if (path === '' || abstract === '') throw new QurlError('bad-option', 'a Unix socket path cannot be empty');
  return abstract !== undefined ? `\0${abstract}` : path;
}

/** -u USER / -U USER without a password: curl asks for it (`-u USER:` sends an empty one). */
function withPassword(user: string | undefined, kind: 'host' | 'proxy'): Secret | undefined {
  if (user === undefined) return undefined;
  if (user.includes(':') || user === '') return secret(user);
  return secret(`${user}:${promptPassword(`Enter ${kind} password for user '${user}':`)}`);
}

export function toRequestSpec(parsed: ParsedArgv): RequestSpec {
  const v = parsed.values;
  const urls = [...list(v.url), ...parsed.urls];
  if (urls.length === 0) throw new QurlError('bad-option', "no URL specified (try 'qurl --help')");
  // Each -T pairs with a URL in order, as curl pairs them.
  const uploads = list(v.uploadFile);
  const jobs = urlJobs(urls, parsed.outputs, uploads, { globoff: v.globoff === true, remoteNameAll: v.remoteNameAll === true });
  const warnings: string[] = [];
  const data = dataParts(v, warnings);
  const form = [...list(v.form).map((f) => parseFormArg(f, false, (w) => warnings.push(w))), ...list(v.formString).map((f) => parseFormArg(f, true))];
  const head = v.head === true;
  const get = v.get === true;
  if (uploads.length > 0 && data.length > 0) methodConflict('PUT (-T, --upload-file)', 'POST (-d, --data)');
  if (uploads.length > 0 && form.length > 0) methodConflict('PUT (-T, --upload-file)', 'multipart formpost (-F, --form)');
  if (uploads.length > 0 && head) methodConflict('PUT (-T, --upload-file)', 'HEAD (-I, --head)');
  if (head && data.length > 0 && !get) methodConflict('POST (-d, --data)', 'HEAD (-I, --head)');
  if (head && form.length > 0) methodConflict('POST (-F, --form)', 'HEAD (-I, --head)');
  if (form.length > 0 && data.length > 0) methodConflict('POST (-d, --data)', 'multipart formpost (-F, --form)');
  if (get && form.length > 0) methodConflict('GET (-G, --get)', 'multipart formpost (-F, --form)');
  if (v.ipv4 === true && v.ipv6 === true) throw new QurlError('bad-option', '-4 and -6 cannot be used together');
  const method = str(v.request);
  if (method !== undefined && !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(method)) {
    throw new QurlError('bad-option', `-X "${method}" is not a valid method token`);
  }
  const resolve = list(v.resolve);
  resolve.forEach(parseResolveEntry);
  const connectTo = list(v.connectTo);
  connectTo.forEach(parseConnectToEntry);
  const maxRedirs = v.maxRedirs === undefined ? 50 : Number(v.maxRedirs);
  if (!Number.isInteger(maxRedirs) || maxRedirs < -1) throw new QurlError('bad-option', '--max-redirs needs a whole number (-1 = no limit)');
  const userAgent = str(v.userAgent);
  if (userAgent && /[\r\n]/.test(userAgent)) throw new QurlError('bad-option', '-A contains CR or LF');
  const traceFile = str(v.traceAscii) ?? str(v.trace);
  const condition = timeCondition(str(v.timeCond), (w) => warnings.push(w));
  // Headers the options imply go before -H's, which replace them (a -H Range: wins over -r).
  const implied = [rangeHeader(str(v.range), (w) => warnings.push(w)), timeConditionHeader(condition), etagCompareHeader(str(v.etagCompare))].filter((h): h is HeaderArg => h !== undefined);
  const given = expandHeaderArgs(list(v.header));
  const spec: RequestSpec = {
    urls: jobs,
    method,
    headers: [...implied.filter((h) => !given.some((g) => g.name.toLowerCase() === h.name.toLowerCase())), ...given],
    userAgent,
    referer: str(v.referer)?.replace(/;auto$/, ''),
    user: withPassword(str(v.user), 'host'),
    authScheme: v.anyauth === true ? 'any' : v.digest === true ? 'digest' : 'basic',
    proxyAuthScheme: v.proxyAnyauth === true ? 'any' : v.proxyDigest === true ? 'digest' : 'basic',
    bearer: str(v.oauth2Bearer) === undefined ? undefined : secret(str(v.oauth2Bearer)!),
    locationTrusted: v.locationTrusted === true,
    netrcFile: str(v.netrcFile) ?? (v.netrc === true || v.netrcOptional === true ? join(process.env.HOME ?? homedir(), '.netrc') : undefined),
    data,
    form,
    formEscape: v.formEscape === true,
    warnings,
    get,
    head,
    includeHeaders: v.include === true,
    dumpHeader: str(v.dumpHeader),
    outputDir: str(v.outputDir),
    createDirs: v.createDirs === true,
    silent: v.silent === true,
    showError: v.showError === true,
    verbose: typeof v.verbose === 'number' ? v.verbose : 0,
    traceFile,
    traceAscii: str(v.traceAscii) !== undefined,
    traceTime: v.traceTime === true,
    altSvc: str(v.altSvc),
    hsts: str(v.hsts),
    dohUrl: dohUrlOf(str(v.dohUrl)),
    dohInsecure: v.dohInsecure === true,
    traceFrames: str(v.traceFrames) ?? (typeof v.verbose === 'number' && v.verbose >= 2 ? '%' : undefined),
    writeOut: writeOutFormat(str(v.writeOut)),
    fail: v.failWithBody === true ? 'with-body' : v.fail === true ? 'fail' : 'none',
    maxTime: positive(v.maxTime, '--max-time'),
    connectTimeout: positive(v.connectTimeout, '--connect-timeout'),
    insecure: v.insecure === true,
    cacert: str(v.cacert),
    capath: str(v.capath),
    ...tlsArgs(parsed),
    ...socketArgs(parsed),
    resolve,
    connectTo,
    unixSocket: unixSocketOf(v),
    ipVersion: v.ipv4 === true ? 4 : v.ipv6 === true ? 6 : null,
    location: v.location === true || v.locationTrusted === true,
    maxRedirs,
    compressed: v.compressed === true,
    maxFilesize: str(v.maxFilesize) === undefined ? undefined : parseSizeArg(str(v.maxFilesize)!, '--max-filesize'),
    retry: retryOptions(v),
    resume: resumeOffset(str(v.continueAt)),
    timeCondition: condition,
    outputFiles: { noClobber: v.clobber === false, removeOnError: v.removeOnError === true, remoteTime: v.remoteTime === true, remoteHeaderName: v.remoteHeaderName === true, etagSave: str(v.etagSave) },
    limitRate: limitRate(str(v.limitRate)),
    speedLimit: speedLimit(v.speedLimit, v.speedTime),
    // commander reads --no-buffer as the negation of 'buffer'
    noBuffer: v.buffer === false,
    // commander reads --no-progress-meter as the negation of 'progressMeter'
    progress: v.progressMeter === false ? 'none' : v.progressBar === true ? 'bar' : 'meter',
    httpVersion: parsed.httpVersion ?? '2',
    pathAsIs: v.pathAsIs === true,
    proto: str(v.proto),
    protoRedir: str(v.protoRedir),
    protoDefault: str(v.protoDefault),
    urlQuery: list(v.urlQuery),
    requestTarget: typeof v.requestTarget === 'string' ? v.requestTarget : undefined,
    cookies: cookieOptions(v),
    expect100Timeout: typeof v.expect100Timeout === 'number' ? v.expect100Timeout : 1,
    trEncoding: v.trEncoding === true,
    http1Reading: { allowHttp09: v['http0.9'] === true, ignoreContentLength: v.ignoreContentLength === true, raw: v.raw === true },
    timing: v.timing === true,
    // commander folds --no-h2-keepalive into h2Keepalive: false
    h2Keepalive: v.h2Keepalive === false ? null : (positive(v.h2Keepalive, '--h2-keepalive') ?? DEFAULT_H2_KEEPALIVE_S),
    proxy: str(v.proxy) ?? str(v['proxy1.0']) ?? (str(v.socks5Hostname) !== undefined ? `socks5h://${str(v.socks5Hostname)!}` : str(v.socks5) !== undefined ? `socks5://${str(v.socks5)!}` : undefined),
    proxyUser: withPassword(str(v.proxyUser), 'proxy'),
    proxytunnel: v.proxytunnel === true,
    proxyHttp10: str(v.proxy) === undefined && str(v['proxy1.0']) !== undefined,
    proxyHeaders: expandHeaderArgs(list(v.proxyHeader)),
    noproxy: str(v.noproxy),
    proxyInsecure: v.proxyInsecure === true,
    proxyCacert: str(v.proxyCacert),
    proxyEnv: proxyEnvironment(),
    parallel: v.parallel === true,
    parallelMax: parallelMax(v.parallelMax),
    failEarly: v.failEarly === true,
    h2KeepaliveTimeout: positive(v.h2KeepaliveTimeout, '--h2-keepalive-timeout') ?? DEFAULT_H2_KEEPALIVE_TIMEOUT_S,
  };
  return Object.freeze(spec);
}
