import { Client, Connection } from '@temporalio/client';

/** A client whose connection is made on first use, so the API can start before the Temporal server answers. */
export function createTemporalClient(options: { address: string; namespace: string }): Client {
  const connection = Connection.lazy({ address: options.address });
  return new Client({ connection, namespace: options.namespace });
}
