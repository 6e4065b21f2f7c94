export * from './sms-relay.js';
