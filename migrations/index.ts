import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121115106 } from './Migration20261121115106';
import { Migration20261121121657 } from './Migration20261121121657';
import { Migration20261121123000 } from './Migration20261121123000';
import { Migration20261121131623 } from './Migration20261121131623';

import { Migration20261121132130 } from './Migration20261121132130';
import { Migration20261124170000 } from './Migration20261124170000';
import { Migration20261201100000 } from './Migration20261201100000';
import { Migration20261201110000 } from './Migration20261201110000';
import { Migration20261202100000 } from './Migration20261202100000';
import { Migration20261203100000 } from './Migration20261203100000';
import { Migration20261204100000 } from './Migration20261204100000';
import { Migration20261205100000 } from './Migration20261205100000';
import { Migration20261206134500 } from './Migration20261206134500';
import { Migration20261211100000 } from './Migration20261211100000';
import { Migration20261212100000 } from './Migration20261212100000';
import { Migration20261213100000 } from './Migration20261213100000';
import { Migration20261214100000 } from './Migration20261214100000';
import { Migration20261215100000 } from './Migration20261215100000';
import { Migration20261215170000 } from './Migration20261215170000';
import { Migration20261216100000 } from './Migration20261216100000';
import { Migration20261216110000 } from './Migration20261216110000';
import { Migration20261220100000 } from './Migration20261220100000';
import { Migration20261205214000Reorg } from './Migration20261205214000Reorg';
import { Migration20261221100000 } from './Migration20261221100000';
import { Migration20261222100000 } from './Migration20261222100000';
import { Migration20261223100000 } from './Migration20261223100000';

/** Listed explicitly so the same list works under tsx, Jest and the compiled build. */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261121115106', class: Migration20261121115106 },
  { name: 'Migration20261121121657', class: Migration20261121121657 },
  { name: 'Migration20261121123000', class: Migration20261121123000 },
  { name: 'Migration20261121131623', class: Migration20261121131623 },
  { name: 'Migration20261121132130', class: Migration20261121132130 },
  { name: 'Migration20261124170000', class: Migration20261124170000 },
  { name: 'Migration20261201100000', class: Migration20261201100000 },
  { name: 'Migration20261201110000', class: Migration20261201110000 },
  { name: 'Migration20261202100000', class: Migration20261202100000 },
  { name: 'Migration20261203100000', class: Migration20261203100000 },
  { name: 'Migration20261204100000', class: Migration20261204100000 },
  { name: 'Migration20261205100000', class: Migration20261205100000 },
  { name: 'Migration20261206134500', class: Migration20261206134500 },
  { name: 'Migration20261211100000', class: Migration20261211100000 },
  { name: 'Migration20261212100000', class: Migration20261212100000 },
  { name: 'Migration20261213100000', class: Migration20261213100000 },
  { name: 'Migration20261214100000', class: Migration20261214100000 },
  { name: 'Migration20261215100000', class: Migration20261215100000 },
  { name: 'Migration20261215170000', class: Migration20261215170000 },
  { name: 'Migration20261216100000', class: Migration20261216100000 },
  { name: 'Migration20261216110000', class: Migration20261216110000 },
  { name: 'Migration20261220100000', class: Migration20261220100000 },
  { name: 'Migration20261205214000Reorg', class: Migration20261205214000Reorg },
  { name: 'Migration20261221100000', class: Migration20261221100000 },
  { name: 'Migration20261222100000', class: Migration20261222100000 },
  { name: 'Migration20261223100000', class: Migration20261223100000 },
];
