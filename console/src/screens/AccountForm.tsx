export function AccountForm() {
  return <p>TODO</p>;
}
