export function PdfIssuance() {
  return <p>TODO</p>;
}
