evaluate(new File(itSource, "lib/hook.groovy"))("verify.sh")
