import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const secret = () => 'x'.repeat(40);

describe('loadConfig', () => {
  it('has working defaults for the embedded mode', () => {
    const config = loadConfig({}, secret);
    expect(config).toMatchObject({
      port: 3000,
      publicUrl: 'http://localhost:3000',
      jwt: { generated: true },
      corsOrigins: ['*'],
    });
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' }, secret)).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' }, secret)).toThrow(/PORT/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' }, secret)).toThrow(/LOG_LEVEL/);
  });

  it('requires a real JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' }, secret)).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' }, secret)).toThrow(/JWT_SECRET/);
  });

  it('holds production to production defaults', () => {
    const prod = {
      NODE_ENV: 'production',
      JWT_SECRET: 'j'.repeat(40),
      BLOB_URL_SECRET: 'b'.repeat(40),
      CORS_ORIGINS: 'https://chat.example.com',
    };
    expect(loadConfig(prod, secret)).toMatchObject({
      bcryptRounds: 10,
      metricsToken: null,
      ws: { queryToken: false },
      corsOrigins: ['https://chat.example.com'],
    });
    expect(() => loadConfig({ ...prod, BCRYPT_ROUNDS: '4' }, secret)).toThrow(/BCRYPT_ROUNDS/);
    expect(loadConfig({ BCRYPT_ROUNDS: '4' }, secret).bcryptRounds, 'cheap hashing is for tests').toBe(4);
    const { CORS_ORIGINS: _cors, ...noCors } = prod;
    expect(() => loadConfig(noCors, secret)).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ ...prod, CORS_ORIGINS: '*' }, secret)).toThrow(/CORS_ORIGINS/);
    const { BLOB_URL_SECRET: _blob, ...noBlob } = prod;
    expect(() => loadConfig(noBlob, secret)).toThrow(/BLOB_URL_SECRET/);
    expect(loadConfig({ ...noBlob, S3_BUCKET: 'media' }, secret).s3?.bucket, 'S3 signs its own URLs').toBe('media');
    expect(() => loadConfig({ ...prod, BLOB_URL_SECRET: prod.JWT_SECRET }, secret)).toThrow(/BLOB_URL_SECRET/);
    expect(loadConfig({ ...prod, WS_QUERY_TOKEN: 'true', METRICS_TOKEN: 'm'.repeat(20) }, secret)).toMatchObject({
      ws: { queryToken: true },
      metricsToken: 'm'.repeat(20),
    });
  });

  it('keeps the blob URL key apart from the JWT key even when both are generated', () => {
    let n = 0;
    const config = loadConfig({}, () => `generated-${n++}`.padEnd(40, 'x'));
    expect(config.blobUrlSecret).not.toBe(config.jwt.secret);
    expect(config.ws.queryToken).toBe(true);
  });

  it('takes an empty variable as unset', () => {
    expect(loadConfig({ MONGO_URL: '', REDIS_URL: '', PORT: '' }, secret)).toMatchObject({
      mongoUrl: null,
      redis: null,
      port: 3000,
    });
  });

  it('asks MongoDB for majority writes and reads, and refuses less unless told so explicitly', () => {
    expect(loadConfig({}, secret).mongoDurability).toEqual({
      writeConcern: 'majority',
      readConcern: 'majority',
      allowWeak: false,
    });
    expect(() => loadConfig({ MONGO_WRITE_CONCERN: '1' }, secret)).toThrow(/MONGO_ALLOW_WEAK_DURABILITY/);
    expect(() => loadConfig({ MONGO_READ_CONCERN: 'local' }, secret)).toThrow(ConfigError);
    expect(() => loadConfig({ MONGO_WRITE_CONCERN: 'two' }, secret)).toThrow(/MONGO_WRITE_CONCERN/);
    expect(
      loadConfig({ MONGO_WRITE_CONCERN: '1', MONGO_ALLOW_WEAK_DURABILITY: 'true' }, secret).mongoDurability,
    ).toEqual({ writeConcern: 1, readConcern: 'majority', allowWeak: true });
  });

  it('reads the FCM and APNs key files, and stops start-up naming the variable when one is wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-config-'));
    const pem = (type: 'rsa' | 'ec') =>
      generateKeyPairSync(type as 'rsa', type === 'rsa' ? { modulusLength: 2048 } : ({ namedCurve: 'P-256' } as never))
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString();
    const account = { project_id: 'p1', client_email: 'push@p1.iam.gserviceaccount.com', private_key: pem('rsa') };
    writeFileSync(join(dir, 'fcm.json'), JSON.stringify(account));
    writeFileSync(join(dir, 'broken.json'), JSON.stringify({ ...account, project_id: undefined }));
    writeFileSync(join(dir, 'AuthKey.p8'), pem('ec'));
    const apns = {
      APNS_KEY_FILE: join(dir, 'AuthKey.p8'),
      APNS_KEY_ID: 'ABC123DEFG',
      APNS_TEAM_ID: 'TEAM123456',
      APNS_TOPIC: 'chat.parley.ios',
    };
    const config = loadConfig({ FCM_SERVICE_ACCOUNT_FILE: join(dir, 'fcm.json'), ...apns }, secret);
    expect(config.fcm?.serviceAccount).toMatchObject({ project_id: 'p1', client_email: account.client_email });
    expect(config.apns).toMatchObject({ teamId: 'TEAM123456', topic: 'chat.parley.ios', sandbox: false });
    expect(config.apns?.key).toContain('BEGIN PRIVATE KEY');
    expect(loadConfig({}, secret)).toMatchObject({ fcm: null, apns: null });
    expect(() => loadConfig({ FCM_SERVICE_ACCOUNT_FILE: join(dir, 'broken.json') }, secret)).toThrow(
      /FCM_SERVICE_ACCOUNT_FILE: .* lacks project_id/,
    );
    expect(() => loadConfig({ FCM_SERVICE_ACCOUNT_FILE: join(dir, 'missing.json') }, secret)).toThrow(
      /FCM_SERVICE_ACCOUNT_FILE: cannot read/,
    );
    expect(() => loadConfig({ ...apns, APNS_KEY_FILE: join(dir, 'fcm.json') }, secret)).toThrow(/APNS_KEY_FILE/);
    expect(() => loadConfig({ ...apns, APNS_TOPIC: undefined }, secret)).toThrow(/APNS_TOPIC/);
  });

  it('splits lists', () => {
    const config = loadConfig({ ADMIN_EMAILS: 'A@x.io, b@y.io', IP_BLOCK: '10.0.0.0/8,192.168.1.1' }, secret);
    expect(config.adminEmails).toEqual(['a@x.io', 'b@y.io']);
    expect(config.ipBlock).toEqual(['10.0.0.0/8', '192.168.1.1']);
  });
});
