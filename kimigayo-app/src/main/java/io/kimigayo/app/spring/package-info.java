/**
 * What Spring Boot's repackaging means for an image: the dependencies it leaves out of the real jar (devtools,
 * docker-compose, the plugin's excludes) and the class path order of {@code BOOT-INF/classpath.idx}.
 */
package io.kimigayo.app.spring;
