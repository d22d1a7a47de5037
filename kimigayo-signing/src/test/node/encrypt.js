'use strict';
// An independent writer of cosign's encrypted private key file (see decrypt.js for the format).
// Uses only Node's crypto (key generation, scrypt, random bytes) and tweetnacl (secretbox); nothing from Kimigayo.
//
// usage: node encrypt.js OUT_KEY OUT_PUB [--pkcs8 PEM_OR_DER_FILE] [--N n] [--r r] [--p p] [--label LABEL] [--password P]
//   Without --pkcs8 a fresh ECDSA P-256 key is generated. Without --password the password is standard input,
//   taken verbatim as UTF-8 bytes. Writes OUT_KEY (PEM, default label ENCRYPTED SIGSTORE PRIVATE KEY) and OUT_PUB
//   (PEM PUBLIC KEY).
const fs = require('fs');
const crypto = require('crypto');
const nacl = require('tweetnacl');

function pem(label, der) {
  const lines = der.toString('base64').match(/.{1,64}/g) || [];
  return '-----BEGIN ' + label + '-----\n' + lines.map((l) => l + '\n').join('') + '-----END ' + label + '-----\n';
}

function main() {
  const args = process.argv.slice(2);
  const [outKey, outPub] = args;
  if (!outKey || !outPub) {
    process.stderr.write('usage: node encrypt.js OUT_KEY OUT_PUB [--pkcs8 FILE] [--N n] [--r r] [--p p] [--label L] [--password P]\n');
    process.exit(1);
  }
  const options = { N: '32768', r: '8', p: '1', label: 'ENCRYPTED SIGSTORE PRIVATE KEY' };
  for (let i = 2; i < args.length; i += 2) options[args[i].replace(/^--/, '')] = args[i + 1];
  const password = options.password !== undefined ? Buffer.from(options.password, 'utf8') : fs.readFileSync(0);

  let privateKey;
  if (options.pkcs8) {
    const input = fs.readFileSync(options.pkcs8);
    const isPem = input.toString('latin1').includes('-----BEGIN');
    privateKey = crypto.createPrivateKey(isPem ? input : { key: input, format: 'der', type: 'pkcs8' });
  } else {
    privateKey = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  }
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });

  const N = Number(options.N);
  const r = Number(options.r);
  const p = Number(options.p);
  const salt = crypto.randomBytes(32);
  const nonce = crypto.randomBytes(24);
  const key = crypto.scryptSync(password, salt, 32, { N, r, p, maxmem: 256 * N * r + 16 * 1024 * 1024 });
  const box = nacl.secretbox(new Uint8Array(pkcs8), new Uint8Array(nonce), new Uint8Array(key));
  const envelope = {
    kdf: { name: 'scrypt', params: { N, r, p }, salt: salt.toString('base64') },
    cipher: { name: 'nacl/secretbox', nonce: nonce.toString('base64') },
    ciphertext: Buffer.from(box).toString('base64'),
  };
  fs.writeFileSync(outKey, pem(options.label, Buffer.from(JSON.stringify(envelope), 'utf8')), { mode: 0o600 });
  fs.writeFileSync(outPub, crypto.createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }));
}

main();
