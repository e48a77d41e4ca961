export { QurlError, isQurlError, toQurlError, errorCode } from './qurl-error.js';
export type { ErrorContext } from './qurl-error.js';
export { EXIT_CODES, exitCodeOf } from './exit-codes.js';
export type { ErrorKind } from './exit-codes.js';
