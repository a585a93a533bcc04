// bcryptjs 2.x ships no types; users-permissions hashes passwords with it, and so do we.
declare module 'bcryptjs' {
  export function hashSync(password: string, salt: string): string;
  export function compareSync(password: string, hash: string): boolean;
  export function encodeBase64(bytes: number[], length: number): string;
}
