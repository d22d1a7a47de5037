'use strict';
// An independent reader of cosign's encrypted private key file (go-securesystemslib's "encrypted" format):
//   PEM "ENCRYPTED SIGSTORE PRIVATE KEY" (or the legacy "ENCRYPTED COSIGN PRIVATE KEY") whose body is the JSON
//   {"kdf":{"name":"scrypt","params":{"N":..,"r":..,"p":..},"salt":"<b64>"},
//    "cipher":{"name":"nacl/secretbox","nonce":"<b64>"},"ciphertext":"<b64>"}
//   key = scrypt(password, salt, N, r, p, 32); PKCS#8 DER = nacl.secretbox.open(ciphertext, nonce, key).
// Uses only Node's crypto (scrypt, key parsing) and tweetnacl (secretbox); nothing from Kimigayo.
//
// usage: node decrypt.js KEYFILE [PASSWORD]
//   Without PASSWORD the password is standard input, taken verbatim as UTF-8 bytes (no newline is stripped).
// Prints the public key as PEM "PUBLIC KEY" (SubjectPublicKeyInfo). Exit 2: wrong password or damaged file.
const fs = require('fs');
const crypto = require('crypto');
const nacl = require('tweetnacl');

const LABELS = ['ENCRYPTED SIGSTORE PRIVATE KEY', 'ENCRYPTED COSIGN PRIVATE KEY'];

function die(code, message) {
  process.stderr.write(message + '\n');
  process.exit(code);
}

function readPem(file) {
  const text = fs.readFileSync(file, 'latin1');
  const match = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([A-Za-z0-9+/=\r\n]*?)-----END \1-----/.exec(text);
  if (!match) die(1, file + ': no PEM block');
  if (!LABELS.includes(match[1])) die(1, file + ': PEM label ' + match[1] + ' is not an encrypted cosign key');
  return Buffer.from(match[2].replace(/[\r\n]/g, ''), 'base64');
}

function main() {
  const [file, passwordArg] = process.argv.slice(2);
  if (!file) die(1, 'usage: node decrypt.js KEYFILE [PASSWORD]');
  const password = passwordArg !== undefined ? Buffer.from(passwordArg, 'utf8') : fs.readFileSync(0);
  const envelope = JSON.parse(readPem(file).toString('utf8'));
  if (envelope.kdf.name !== 'scrypt') die(1, file + ': kdf ' + envelope.kdf.name);
  if (envelope.cipher.name !== 'nacl/secretbox') die(1, file + ': cipher ' + envelope.cipher.name);
  const { N, r, p } = envelope.kdf.params;
  const salt = Buffer.from(envelope.kdf.salt, 'base64');
  const nonce = Buffer.from(envelope.cipher.nonce, 'base64');
  const box = Buffer.from(envelope.ciphertext, 'base64');
  const key = crypto.scryptSync(password, salt, 32, { N, r, p, maxmem: 256 * N * r + 16 * 1024 * 1024 });
  const pkcs8 = nacl.secretbox.open(new Uint8Array(box), new Uint8Array(nonce), new Uint8Array(key));
  if (pkcs8 === null) die(2, file + ': wrong password or damaged key file');
  const privateKey = crypto.createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  process.stdout.write(crypto.createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }));
}

main();
