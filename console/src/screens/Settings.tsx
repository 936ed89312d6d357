export function Settings() {
  return <p>TODO</p>;
}
