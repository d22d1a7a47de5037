#!/bin/sh
echo "$GREETING from $APP_NAME as $(id -u) in $(pwd)"
