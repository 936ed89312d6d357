export function CsvImport() {
  return <p>TODO</p>;
}
