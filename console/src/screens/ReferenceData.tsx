export function ReferenceData() {
  return <p>TODO</p>;
}
