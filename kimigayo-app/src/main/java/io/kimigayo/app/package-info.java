/**
 * Application images: the whole chain from a built Java application to a signed OCI image on Kimigayo OS.
 *
 * <p>Entry point: {@link io.kimigayo.app.ApplicationImageBuilder} (the library behind {@code kimigayo:build});
 * {@link io.kimigayo.app.ApplicationLayout} decides the {@code /app} layers and the start command.
 */
package io.kimigayo.app;
