/**
 * Hands a blob to the browser as a file download. Downloads go through the typed client (which sends
 * the bearer token in a header), so no token ever appears in a URL, a history entry or a log.
 */
export function saveFile(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The browser has taken the file once click() returns; the URL is not needed after that.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
