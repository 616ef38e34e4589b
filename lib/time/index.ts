/** Time: timestamp parsing, zoned wall-clock maths, working schedules and the SLA engine. */
export * from './schemas';
export * from './zoned';
export * from './machine';
export * from './parse';
export * from './schedule';
export * from './sla';
