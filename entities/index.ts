import { Account } from './account.entity';
import { Company } from './company.entity';
import { Issuance } from './issuance.entity';
import { Role } from './role.entity';
import { Session } from './session.entity';

export * from './account.entity';
export * from './company.entity';
export * from './issuance.entity';
export * from './role.entity';
export * from './session.entity';

export const entities = [Company, Role, Account, Issuance, Session];
