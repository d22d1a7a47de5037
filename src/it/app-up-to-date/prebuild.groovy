evaluate(new File(itSource, "lib/hook.groovy"))("prebuild.sh")
