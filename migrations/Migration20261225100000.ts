import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 20: the audit chain's head is carried through the transaction instead of rewritten per event. The insert
 * trigger of Migration20261220100000 locked the company's `audit_chain` row and updated it for every event; 500
 * events in one transaction (an import chunk, a bulk chunk's claim) left 500 versions of that one row, each
 * lookup walking the ones before it (44 ms for the first 500 events of a transaction, 66 ms for the next 500). Now
 * the first event of a transaction for a company locks the head row and reads it as before; each event then
 * passes its number and hash to the next through a transaction-local setting (undone with the transaction or its
 * savepoint, like the rows it describes), and one statement-level trigger writes the head once per INSERT from
 * the rows it appended. The chain, its hashes and the serialisation of a company's appends are unchanged.
 */
export class Migration20261225100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function audit_event_chain() returns trigger language plpgsql as $$
      declare
        head record;
        setting text := 'audit.head_' || replace(new.company_id::text, '-', '');
        carried text := current_setting(setting, true);
      begin
        if carried is null or carried = '' then
          select last_seq, last_hash into head from audit_chain where company_id = new.company_id for update;
          if not found then
            insert into audit_chain (company_id) values (new.company_id) on conflict do nothing;
            select last_seq, last_hash into head from audit_chain where company_id = new.company_id for update;
          end if;
          new.seq := head.last_seq + 1;
          new.prev_hash := head.last_hash;
        else
          new.seq := split_part(carried, ':', 1)::bigint + 1;
          new.prev_hash := split_part(carried, ':', 2);
        end if;
        new.row_hash := audit_event_hash(new);
        perform set_config(setting, new.seq || ':' || new.row_hash, true);
        return new;
      end $$;`);
    this.addSql(`create function audit_event_chain_head() returns trigger language plpgsql as $$
      begin
        update audit_chain c set last_seq = a.seq, last_hash = a.row_hash
          from (select distinct on (company_id) company_id, seq, row_hash from appended
                 order by company_id, seq desc) a
         where c.company_id = a.company_id;
        return null;
      end $$;`);
    this.addSql(
      `create trigger audit_event_chain_head after insert on audit_event referencing new table as appended for each statement execute function audit_event_chain_head();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger audit_event_chain_head on audit_event;`);
    this.addSql(`drop function audit_event_chain_head();`);
    this.addSql(`create or replace function audit_event_chain() returns trigger language plpgsql as $$
      declare head record;
      begin
        select last_seq, last_hash into head from audit_chain where company_id = new.company_id for update;
        if not found then
          insert into audit_chain (company_id) values (new.company_id) on conflict do nothing;
          select last_seq, last_hash into head from audit_chain where company_id = new.company_id for update;
        end if;
        new.seq := head.last_seq + 1;
        new.prev_hash := head.last_hash;
        new.row_hash := audit_event_hash(new);
        update audit_chain set last_seq = new.seq, last_hash = new.row_hash where company_id = new.company_id;
        return new;
      end $$;`);
  }
}
