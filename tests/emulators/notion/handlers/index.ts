// Every endpoint the stand-in answers, in match order (/v1/users/me before /v1/users/:id).
import { blockRoutes } from './blocks';
import { databaseRoutes } from './databases';
import { miscRoutes } from './misc';
import { pageRoutes } from './pages';
import type { Route } from './route';

export const routes: Route[] = [...pageRoutes, ...blockRoutes, ...databaseRoutes, ...miscRoutes];
export type { Route };
