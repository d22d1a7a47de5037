// Runs one of an integration test's shell scripts (prebuild.sh, verify.sh) with what it needs to know, and fails
// the hook when the script fails. Evaluated from each test's prebuild.groovy / verify.groovy.
return { String name ->
    def script = new File(basedir, name)
    def pb = new ProcessBuilder("bash", script.absolutePath).directory(basedir).redirectErrorStream(true)
    pb.environment().put("IT_ROOT", itRoot)
    pb.environment().put("IT_LIB", new File(itSource, "lib").absolutePath)
    pb.environment().put("MAVEN_HOME", System.getProperty("maven.home"))
    pb.environment().put("LOCAL_REPO", localRepositoryPath.absolutePath)
    pb.environment().put("PLUGIN_VERSION", pluginVersion)
    pb.environment().put("SOURCE_MIRRORS", sourceMirrors)
    // the Maven process running the tests: what a test starts in the background must not outlive it
    pb.environment().put("MAVEN_PID", String.valueOf(ProcessHandle.current().pid()))
    def process = pb.start()
    process.inputStream.eachLine { println "[${basedir.name}/${name}] ${it}" }
    def rc = process.waitFor()
    if (rc != 0) {
        throw new RuntimeException("${basedir.name}/${name} failed with exit code ${rc}")
    }
    return true
}
