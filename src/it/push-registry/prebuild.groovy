evaluate(new File(itSource, "lib/hook.groovy"))("prebuild.sh")
// the build pushes to the registry prebuild.sh started
context.get("userProperties").put("it.registry", new File(basedir, "target/registry/host").text.trim())
return true
