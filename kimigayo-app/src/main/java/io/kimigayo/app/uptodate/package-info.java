/**
 * Up-to-date checks of the {@code build} goal: the key of everything a build reads ({@link
 * io.kimigayo.app.uptodate.BuildInputs}, {@link io.kimigayo.app.uptodate.Identity}), file digests that trust an
 * unchanged file status ({@link io.kimigayo.app.uptodate.FileDigests}), and the record that lets a build with nothing
 * changed stop before any work ({@link io.kimigayo.app.uptodate.UpToDateCheck}).
 */
package io.kimigayo.app.uptodate;
