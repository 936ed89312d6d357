import type { ReactNode } from 'react';

/** Runs one action of a panel and reloads the account; the message is shown when it succeeded. */
export type Act = (
  call: Promise<unknown>,
  message: string,
  label?: (field: string) => string | undefined,
) => Promise<void>;

export function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}
