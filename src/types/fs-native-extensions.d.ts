/** The part of fs-native-extensions (which ships no types) that the data folder's lock uses. */
declare module 'fs-native-extensions' {
  /** Asks for a lock on an open file without waiting: true when granted, false when another open file holds it. */
  export function tryLock(fd: number, options?: { shared?: boolean }): boolean;
  export function unlock(fd: number): void;
}
