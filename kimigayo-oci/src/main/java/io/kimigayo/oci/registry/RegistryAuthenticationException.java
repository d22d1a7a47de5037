package io.kimigayo.oci.registry;

/** The registry answered 401 or 403: the message says which credentials were used or which sources were asked. */
public class RegistryAuthenticationException extends RegistryException {

    public RegistryAuthenticationException(String message, int status) {
        super(message, status);
    }
}
