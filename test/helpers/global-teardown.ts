export default async function globalTeardown() {
  const database = (globalThis as { __testDatabase?: { drop(): Promise<void> } }).__testDatabase;
  if (process.env.KEEP_TEST_DATABASE) {
    console.log(`Base de test conservée : ${process.env.DATABASE_URL}`);
    return;
  }
  await database?.drop();
}
