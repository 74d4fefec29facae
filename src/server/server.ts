import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Catalog } from '../catalog/types.js';
import { createRequestHandler, DEFAULT_MAX_BODY_BYTES } from './handler.js';
import type { ServedCatalog } from './served.js';

export interface ServeOptions {
  /** A fixed catalog (no site pages)... */
  catalog?: Catalog;
  /** ...or the build to answer each request from (a hot-reloading watch, see reload.ts). */
  served?: () => ServedCatalog;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  log?: (line: string) => void;
  maxBodyBytes?: number;
}

export interface RunningServer {
  server: Server;
  /** `http://host:port`, with the port actually bound. */
  url: string;
  /** Stops accepting, lets requests in flight finish (closing idle keep-alive sockets at once). */
  close(): Promise<void>;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8787;
/** How long close() waits for requests in flight before cutting their connections. */
const CLOSE_GRACE_MS = 5000;

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const fixed = options.catalog ? { catalog: options.catalog, site: new Map<string, string>() } : undefined;
  const served = options.served ?? (fixed ? () => fixed : undefined);
  if (!served) throw new Error('startServer needs a catalog or a served build');
  const server = createServer(
    createRequestHandler({ served, log: options.log ?? (() => {}), maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES }),
  );
  // A client that trickles its headers or body does not hold a connection for long.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  const host = options.host ?? DEFAULT_HOST;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { server, url: `http://${shownHost}:${address.port}`, close: () => closeServer(server) };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
