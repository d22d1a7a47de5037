# A signing key (a plain PEM EC key, which sign reads) and a registry with htpasswd auth.
. "$IT_LIB/common.sh"
. "$IT_LIB/registry.sh"
require openssl
mkdir -p target/keys
openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt -out target/keys/kimigayo.key
openssl pkey -in target/keys/kimigayo.key -pubout -out target/keys/kimigayo.pub
start_registry target/registry kimigayo it-Registry-pass
