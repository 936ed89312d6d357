import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 21: the audit trail. `audit_event` is append-only per company: a trigger numbers each row in its company's
 * chain (`seq`), links it to the previous row's hash and hashes it over a canonical serialisation
 * (`audit_event_hash`), serialising a company's appends on its `audit_chain` head row. Another trigger refuses every
 * UPDATE, TRUNCATE and DELETE, except the deletes of `audit_prune` (retention), which keeps the hash of the last
 * pruned row as the chain's anchor so that what remains still verifies. `audit:read` joins the system
 * administrator's permissions (its role and its open sessions).
 */
export class Migration20261220100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "audit_event" ("company_id" uuid not null, "seq" bigint not null, "occurred_at" timestamptz not null default clock_timestamp(), "actor_kind" varchar(20) not null, "actor_account_id" uuid null, "actor_code" varchar(100) null, "actor_role" varchar(20) null, "actor_name" varchar(200) null, "request_id" varchar(128) null, "client_address" varchar(64) null, "trace_id" varchar(32) null, "action" varchar(64) not null, "target_type" varchar(32) not null, "target_id" varchar(64) null, "target_code" varchar(100) null, "target_name" varchar(200) null, "changes" jsonb not null default '[]', "details" jsonb null, "outcome" varchar(16) not null, "reason" varchar(100) null, "prev_hash" varchar(64) not null, "row_hash" varchar(64) not null, constraint "audit_event_pkey" primary key ("company_id", "seq"));`);
    this.addSql(`create index "audit_event_company_id_occurred_at_index" on "audit_event" ("company_id", "occurred_at");`);
    this.addSql(`create index "audit_event_company_id_target_id_index" on "audit_event" ("company_id", "target_id");`);
    this.addSql(`create index "audit_event_company_id_actor_account_id_index" on "audit_event" ("company_id", "actor_account_id");`);
    this.addSql(`create table "audit_chain" ("company_id" uuid not null, "last_seq" bigint not null default 0, "last_hash" varchar(64) not null default '', "anchor_seq" bigint not null default 0, "anchor_hash" varchar(64) not null default '', constraint "audit_chain_pkey" primary key ("company_id"));`);
    this.addSql(`alter table "company" add column "audit_retention_years" int not null default 7;`);

    this.addSql(`create function audit_event_hash(e audit_event) returns varchar language sql stable as $$
      select encode(sha256(convert_to(jsonb_build_array(
        e.company_id, e.seq, e.prev_hash, to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        e.actor_kind, e.actor_account_id, e.actor_code, e.actor_role, e.actor_name,
        e.request_id, e.client_address, e.trace_id, e.action,
        e.target_type, e.target_id, e.target_code, e.target_name,
        e.changes, e.details, e.outcome, e.reason)::text, 'UTF8')), 'hex')
    $$;`);
    this.addSql(`create function audit_event_chain() returns trigger language plpgsql as $$
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
    this.addSql(`create trigger audit_event_chain before insert on audit_event for each row execute function audit_event_chain();`);
    this.addSql(`create function audit_event_append_only() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and current_setting('audit.pruning', true) = 'on' then return old; end if;
        raise exception 'audit_event is append-only (%)', tg_op using errcode = 'insufficient_privilege';
      end $$;`);
    this.addSql(`create trigger audit_event_append_only before update or delete on audit_event for each row execute function audit_event_append_only();`);
    this.addSql(`create trigger audit_event_no_truncate before truncate on audit_event for each statement execute function audit_event_append_only();`);
    this.addSql(`create function audit_prune(p_company uuid, p_before timestamptz) returns integer language plpgsql as $$
      declare last_pruned record; pruned integer;
      begin
        perform 1 from audit_chain where company_id = p_company for update;
        select seq, row_hash into last_pruned from audit_event
          where company_id = p_company and occurred_at < p_before order by seq desc limit 1;
        if not found then return 0; end if;
        perform set_config('audit.pruning', 'on', true);
        delete from audit_event where company_id = p_company and seq <= last_pruned.seq;
        get diagnostics pruned = row_count;
        perform set_config('audit.pruning', 'off', true);
        update audit_chain set anchor_seq = last_pruned.seq, anchor_hash = last_pruned.row_hash
          where company_id = p_company;
        return pruned;
      end $$;`);

    this.addSql(`update "role" set "permissions" = array_append("permissions", 'audit:read') where "code" = 'system-admin' and not 'audit:read' = any("permissions");`);
    this.addSql(`update "session" set "permissions" = array_append("permissions", 'audit:read') where "role_code" = 'system-admin' and not 'audit:read' = any("permissions");`);
  }

  override async down(): Promise<void> {
    this.addSql(`update "session" set "permissions" = array_remove("permissions", 'audit:read');`);
    this.addSql(`update "role" set "permissions" = array_remove("permissions", 'audit:read');`);
    this.addSql(`drop function audit_prune(uuid, timestamptz);`);
    this.addSql(`drop function audit_event_hash(audit_event);`);
    this.addSql(`drop table "audit_event";`);
    this.addSql(`drop function audit_event_append_only();`);
    this.addSql(`drop function audit_event_chain();`);
    this.addSql(`drop table "audit_chain";`);
    this.addSql(`alter table "company" drop column "audit_retention_years";`);
  }
}
