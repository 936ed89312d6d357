export function SingleEmailIssuance() {
  return <p>TODO</p>;
}
