import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const secret = () => 'x'.repeat(40);

describe('loadConfig', () => {
  it('has working defaults for the embedded mode', () => {
    const config = loadConfig({}, secret);
    expect(config).toMatchObject({ port: 3000, publicUrl: 'http://localhost:3000', jwt: { generated: true }, corsOrigins: ['*'] });
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

  it('splits lists', () => {
    const config = loadConfig({ ADMIN_EMAILS: 'A@x.io, b@y.io', IP_BLOCK: '10.0.0.0/8,192.168.1.1' }, secret);
    expect(config.adminEmails).toEqual(['a@x.io', 'b@y.io']);
    expect(config.ipBlock).toEqual(['10.0.0.0/8', '192.168.1.1']);
  });
});
