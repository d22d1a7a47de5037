. "$IT_LIB/common.sh"
require busybox
make_sample_tree target/sample-tree
