'use strict';
// tweetnacl's NaCl secretbox (XSalsa20-Poly1305), for known-answer comparisons.
// usage: node secretbox.js seal KEY_HEX NONCE_HEX MESSAGE_HEX   -> prints the box (16-byte tag, then ciphertext) in hex
//        node secretbox.js open KEY_HEX NONCE_HEX BOX_HEX       -> prints the message in hex; exit 2 when it does not open
const nacl = require('tweetnacl');

const [operation, keyHex, nonceHex, dataHex] = process.argv.slice(2);
const key = new Uint8Array(Buffer.from(keyHex, 'hex'));
const nonce = new Uint8Array(Buffer.from(nonceHex, 'hex'));
const data = new Uint8Array(Buffer.from(dataHex || '', 'hex'));
if (operation === 'seal') {
  process.stdout.write(Buffer.from(nacl.secretbox(data, nonce, key)).toString('hex') + '\n');
} else if (operation === 'open') {
  const message = nacl.secretbox.open(data, nonce, key);
  if (message === null) {
    process.stderr.write('secretbox does not open\n');
    process.exit(2);
  }
  process.stdout.write(Buffer.from(message).toString('hex') + '\n');
} else {
  process.stderr.write('usage: node secretbox.js seal|open KEY_HEX NONCE_HEX DATA_HEX\n');
  process.exit(1);
}
