# A test CA and a server certificate it issued: the CA goes into the rootfs through files.
. "$IT_LIB/common.sh"
require openssl
rm -rf target/test-ca && mkdir -p target/test-ca && cd target/test-ca
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -days 2 \
  -subj "/CN=Kimigayo IT local CA" -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout server.key -out server.csr \
  -subj "/CN=server.test" 2>/dev/null
printf 'subjectAltName=DNS:server.test\nextendedKeyUsage=serverAuth\n' > server.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 1 -extfile server.ext 2>/dev/null
openssl verify -CAfile ca.pem server.pem
