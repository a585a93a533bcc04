type RunState = { __testDatabase?: { drop(): Promise<void> }; __templatePreparation?: { done: Promise<void>; stop(): Promise<void> } };

export default async function globalTeardown() {
  const { __testDatabase: database, __templatePreparation: preparation } = globalThis as RunState;
  if (process.env.KEEP_TEST_DATABASE) {
    await preparation?.done;
    console.log(`Base de test conservée : ${process.env.DATABASE_URL}`);
    return;
  }
  // Still running only when no suite needed the database (unit and component suites alone).
  await preparation?.stop();
  await database?.drop();
}
