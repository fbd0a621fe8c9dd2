export { startSqlServer, type SqlServer, type SqlServerOptions } from './wire-server.ts';
export { MAX_MESSAGE_BYTES, MAX_STARTUP_BYTES } from './frontend-frames.ts';
