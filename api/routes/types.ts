import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import type { MountedRoute } from '../route';
import type { ApiServices } from '../services';

/** Where a router factory mounts and documents its routes. */
export interface RouteTarget {
  router: Router;
  registry: OpenAPIRegistry;
  services: ApiServices;
  mounted: MountedRoute[];
}
