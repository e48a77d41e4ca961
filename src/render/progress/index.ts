export { createProgressMeter, type ProgressMeter, type ProgressOptions, type ProgressStyle } from './progress-meter.js';
export { max5data, time2str } from './curl-units.js';
export { barLine, meterLine, parallelLine, METER_HEADER, PARALLEL_HEADER } from './progress-line.js';
