export * from './call-state.js';
export * from './reconnect-policy.js';
export * from './signalling.js';
export * from './call-session.js';
