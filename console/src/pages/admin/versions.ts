import { signal } from "@preact/signals";

/**
 * The policy versions this session has seen (opened, or stored). The API reads a version by its
 * name but lists none, so the console offers these names to open and compare; any other name can
 * be typed (every gate decision and RESPONDED event names the version it used).
 */
export const knownVersions = signal<string[]>([]);

export function sawVersion(version: string) {
  if (!knownVersions.value.includes(version)) knownVersions.value = [...knownVersions.value, version];
}
