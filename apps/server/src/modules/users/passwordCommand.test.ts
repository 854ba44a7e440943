import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testConfig, type TestApp } from '../../../test/harness';
import { passwordCommand, setPasswordByEmail } from './passwordCommand';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const flag = (args: string[], name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

describe('rapport password', () => {
  it('sets the password of a user by email, ends their sessions and audits it', async () => {
    const u = await t.createUser({ role: 'admin' });
    expect(await setPasswordByEmail(t.store.db, u.email.toUpperCase(), 'recovered password 1')).toEqual({
      active: true,
    });
    expect((await u.client.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect(
      (await t.anon.post('/api/v1/auth/login', { email: u.email, password: u.password })).statusCode,
    ).toBe(401);
    await t.login(u.email, 'recovered password 1');
    const log = (
      await t.admin.client.get(`/api/v1/audit-log?targetId=${u.id}&action=user.passwordReset`)
    ).json();
    expect(log.data[0]).toMatchObject({ actorId: null, details: { via: 'rapport password (command line)' } });
  });

  it('answers null for an unknown email and changes nothing', async () => {
    expect(await setPasswordByEmail(t.store.db, 'nobody@example.test', 'whatever password')).toBeNull();
  });

  it('refuses missing flags and weak passwords before touching the database', async () => {
    const config = testConfig();
    await expect(passwordCommand(config, ['--password', 'long enough password'], flag)).rejects.toThrow(
      /--email is required/,
    );
    await expect(passwordCommand(config, ['--email', 'a@example.test'], flag)).rejects.toThrow(
      /--password is required/,
    );
    await expect(
      passwordCommand(config, ['--email', 'a@example.test', '--password', 'short'], flag),
    ).rejects.toThrow(/--password: Use at least 10 characters/);
  });
});
