export function BulkEmailIssuance() {
  return <p>TODO</p>;
}
