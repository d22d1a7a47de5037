/**
 * The CA certificate bundle of Kimigayo OS: Mozilla's {@code certdata.txt} (NSS objects) read by
 * {@link io.kimigayo.rootfs.cacerts.CertDataParser} and turned by {@link io.kimigayo.rootfs.cacerts.CaBundle} into
 * a PEM bundle of the certificates Mozilla trusts for server authentication.
 */
package io.kimigayo.rootfs.cacerts;
