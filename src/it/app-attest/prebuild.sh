# A plain PEM EC key (sign reads it; no password) and its public key for cosign.
. "$IT_LIB/common.sh"
require openssl
rm -rf keys && mkdir -p keys
openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt -out keys/kimigayo.key
openssl pkey -in keys/kimigayo.key -pubout -out keys/kimigayo.pub
