export * from './call-state.js';
export * from './reconnect-policy.js';
