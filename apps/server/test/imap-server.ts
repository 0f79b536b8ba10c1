import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/**
 * A real, throw-away IMAP server for tests: Debian's dovecot-imapd with its own configuration in
 * a temporary folder, listening on a free loopback port, one user from a passwd file and a
 * Maildir in the same folder. Started like PostgreSQL is, stopped and removed afterwards.
 */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export async function startImapServer(user = 'bounces', password = 'bounce-secret') {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-imap-'));
  const port = await freePort();
  const root = process.getuid?.() === 0;
  // Dovecot will not give a mailbox to root: as root the mail lives under nobody.
  const mailUser = root ? 'nobody' : userInfo().username;
  const mailGroup = root ? 'nogroup' : execFileSync('id', ['-gn']).toString().trim();
  const internal = root ? 'dovecot' : userInfo().username;
  const login = root ? 'dovenull' : userInfo().username;
  mkdirSync(join(dir, 'run'));
  mkdirSync(join(dir, 'mail'));
  if (root) chmodSync(join(dir, 'mail'), 0o777);
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}::::::\n`);
  writeFileSync(join(dir, 'dovecot.conf'), `
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/run
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${internal}
default_login_user = ${login}
first_valid_uid = 0
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  args = ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${mailUser} gid=${mailGroup} home=${dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
`);
  const config = join(dir, 'dovecot.conf');
  const child = spawn('/usr/sbin/dovecot', ['-F', '-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
  // Ready when the port accepts a connection and greets.
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const sock = new Socket();
      sock.once('data', (d: Buffer) => { sock.destroy(); resolve(d.toString().startsWith('* OK')); });
      sock.once('error', () => resolve(false));
      sock.connect(port, '127.0.0.1');
    });
    if (ok) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      let log = '';
      try { log = readFileSync(join(dir, 'dovecot.log'), 'utf8'); } catch { /* none */ }
      throw new Error(`dovecot did not start: ${stderr}\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port, user, password,
    url: `imap://${user}:${password}@127.0.0.1:${port}/INBOX`,
    async stop() {
      child.kill('SIGTERM');
      await new Promise<void>((resolve) => { if (child.exitCode !== null) resolve(); else child.once('exit', () => resolve()); });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
